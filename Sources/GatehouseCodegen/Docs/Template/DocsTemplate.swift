/// The default Mustache templates of the docs page, compiled into Gatehouse so that it needs no resource files.
///
/// `index` is the page; it includes the `operation` partial for each operation and `media` for each body. A
/// folder given with `--templates` may replace any of them with `index.mustache`, `operation.mustache` or
/// `media.mustache`, and may add partials of its own; `{{{style}}}` and `{{{script}}}` give the default CSS and
/// script to a template that wants to keep them.
enum DocsTemplate {
    /// The template names, each with its default source.
    static let defaults: [(name: String, source: String)] = [
        ("index", index), ("operation", operation), ("media", media),
    ]

    static let index = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="{{generator}}">
        <title>{{title}} {{version}} · API reference</title>
        <style>{{{style}}}</style>
        </head>
        <body data-try-it="{{tryItURL}}">
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <button type="button" id="menu" aria-controls="nav" aria-expanded="false">Menu</button>
        <span class="brand">{{title}}</span> <span class="version">{{version}}</span>
        <span class="tools"><button type="button" id="expand-all">Expand all</button> \
        <button type="button" id="collapse-all">Collapse all</button></span>
        </header>
        <div class="layout">
        <nav id="nav" aria-label="Operations">
        <label for="search">Search operations</label>
        <input id="search" type="search" placeholder="Path, summary or id — press /" autocomplete="off" \
        aria-controls="nav-list" aria-describedby="search-help">
        <p id="search-help" class="hint">Arrow keys choose, Enter opens, Escape clears. <span id="search-count" \
        aria-live="polite"></span></p>
        <ul id="nav-list">
        <li><a href="#introduction">Introduction</a></li>
        {{#tags}}<li class="group"><a class="group-title" href="#{{anchor}}">{{name}}</a><ul>
        {{#operations}}<li data-search="{{searchText}}"><a href="#{{anchor}}"><span class="m {{methodClass}}">{{method}}</span> \
        <span class="label{{#deprecated}} deprecated{{/deprecated}}">{{#summary}}{{.}}{{/summary}}{{^summary}}{{path}}{{/summary}}</span></a></li>
        {{/operations}}</ul></li>
        {{/tags}}{{#hasWebhooks}}<li class="group"><a class="group-title" href="#webhooks">Webhooks</a><ul>
        {{#webhooks}}<li data-search="{{searchText}}"><a href="#{{anchor}}"><span class="m {{methodClass}}">{{method}}</span> \
        <span class="label">{{path}}</span></a></li>
        {{/webhooks}}</ul></li>
        {{/hasWebhooks}}{{#hasSchemas}}<li><a href="#schemas">Schemas</a></li>{{/hasSchemas}}
        </ul>
        </nav>
        <main id="main">
        <section id="introduction" class="intro" aria-labelledby="title">
        <h1 id="title">{{title}} <span class="version">{{version}}</span></h1>
        {{#summary}}<p class="lead">{{.}}</p>{{/summary}}
        {{{descriptionHTML}}}
        {{#hasServers}}<h2 id="servers">Servers</h2>
        <ul class="servers">{{#servers}}<li><code>{{url}}</code>{{{descriptionHTML}}}{{#hasVariables}}<ul>\
        {{#variables}}<li><code>{{name}}</code>: default <code>{{default}}</code>{{#values}}, one of {{.}}{{/values}}\
        {{{descriptionHTML}}}</li>{{/variables}}</ul>{{/hasVariables}}</li>{{/servers}}</ul>
        {{/hasServers}}{{#hasSecuritySchemes}}<h2 id="authentication">Authentication</h2>
        {{#securitySchemes}}<section class="scheme" id="{{anchor}}"><h3>{{name}} <span class="kind">{{kind}}</span></h3>
        <p>{{usage}}</p>{{{descriptionHTML}}}{{#hasDetails}}<ul>{{#details}}<li>{{.}}</li>{{/details}}</ul>{{/hasDetails}}</section>
        {{/securitySchemes}}{{/hasSecuritySchemes}}{{#hasUsagePlans}}<h2 id="usage-plans">Usage plans</h2>
        {{#usagePlans}}<section class="plan"><h3>{{name}}</h3>{{{descriptionHTML}}}
        <div class="table-wrap"><table><thead><tr><th scope="col">Limit</th><th scope="col">Value</th></tr></thead><tbody>
        {{#fields}}<tr><td>{{name}}</td><td>{{value}}</td></tr>{{/fields}}</tbody></table></div></section>
        {{/usagePlans}}{{/hasUsagePlans}}</section>
        {{#tags}}<section class="tag" id="{{anchor}}" aria-label="{{name}}">
        <h2>{{name}}</h2>
        {{{descriptionHTML}}}
        {{#operations}}{{> operation}}{{/operations}}</section>
        {{/tags}}{{#hasWebhooks}}<section id="webhooks" class="tag" aria-label="Webhooks"><h2>Webhooks</h2>
        {{#webhooks}}{{> operation}}{{/webhooks}}</section>
        {{/hasWebhooks}}{{#hasSchemas}}<section id="schemas" class="tag" aria-label="Schemas"><h2>Schemas</h2>
        {{#schemas}}<section class="component" id="{{anchor}}"><h3>{{name}}</h3>{{{descriptionHTML}}}{{{treeHTML}}}</section>
        {{/schemas}}</section>
        {{/hasSchemas}}<footer><p>OpenAPI {{openAPIVersion}} · generated by {{generator}}</p></footer>
        </main>
        </div>
        <script>{{{script}}}</script>
        </body>
        </html>

        """

    static let operation = """
        <section class="op{{#deprecated}} is-deprecated{{/deprecated}}" id="{{anchor}}" aria-label="{{method}} {{path}}">
        <h3>{{#summary}}{{.}}{{/summary}}{{^summary}}{{method}} {{path}}{{/summary}}{{#deprecated}} \
        <span class="badge deprecated">deprecated</span>{{/deprecated}}</h3>
        <p class="endpoint"><span class="m {{methodClass}}">{{method}}</span> <code class="path">{{path}}</code> \
        <a class="permalink" href="#{{anchor}}" aria-label="Link to this operation">#</a></p>
        <p class="opid">Operation id <code>{{id}}</code></p>
        {{{descriptionHTML}}}
        {{#hasSecurity}}<p class="security">Authentication: {{#security}}<span class="alt">{{.}}</span> {{/security}}</p>
        {{/hasSecurity}}{{#hasParameters}}<h4>Parameters</h4>
        <div class="table-wrap"><table class="params"><thead><tr><th scope="col">Name</th><th scope="col">In</th>\
        <th scope="col">Type</th><th scope="col">Description</th><th scope="col">Style</th></tr></thead><tbody>
        {{#parameters}}<tr><td><code>{{name}}</code>{{#required}} <span class="badge required">required</span>{{/required}}\
        {{#deprecated}} <span class="badge deprecated">deprecated</span>{{/deprecated}}</td><td>{{in}}</td>\
        <td>{{{typeHTML}}}</td><td>{{{descriptionHTML}}}</td><td>{{style}}</td></tr>
        {{/parameters}}</tbody></table></div>
        {{/hasParameters}}{{#requestBody}}<h4>Request body{{#required}} <span class="badge required">required</span>{{/required}}</h4>
        {{{descriptionHTML}}}{{#content}}{{> media}}{{/content}}
        {{/requestBody}}<h4>Responses</h4>
        {{#responses}}<div class="response {{statusClass}}"><h5><span class="status">{{status}}</span></h5>{{{descriptionHTML}}}
        {{#hasHeaders}}<div class="table-wrap"><table class="params"><caption>Headers</caption><thead><tr>\
        <th scope="col">Name</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>
        {{#headers}}<tr><td><code>{{name}}</code>{{#required}} <span class="badge required">required</span>{{/required}}</td>\
        <td>{{{typeHTML}}}</td><td>{{{descriptionHTML}}}</td></tr>{{/headers}}</tbody></table></div>
        {{/hasHeaders}}{{#content}}{{> media}}{{/content}}</div>
        {{/responses}}<h4>Code samples</h4>
        <div class="samples"><figure><figcaption>curl</figcaption><pre><code>{{{curlHTML}}}</code></pre>\
        <button type="button" class="copy">Copy</button></figure>
        <figure><figcaption>Swift client</figcaption><pre><code>{{{swiftHTML}}}</code></pre>\
        <button type="button" class="copy">Copy</button></figure></div>
        {{#tryIt}}<details class="try"><summary>Try it</summary>
        <form class="try-form" data-method="{{method}}" data-path="{{path}}" data-content-type="{{contentType}}">
        {{#parameters}}<label>{{name}} <span class="in">{{in}}</span> <input name="{{name}}" data-in="{{in}}" value="{{example}}"></label>
        {{/parameters}}{{#keyHeader}}<label>API key <span class="in">{{.}} header</span> \
        <input name="{{.}}" data-in="header" autocomplete="off"></label>
        {{/keyHeader}}{{#body}}<label>Body <span class="in">{{contentType}}</span> <textarea name="body" rows="8">{{.}}</textarea></label>
        {{/body}}<button type="submit">Send</button>
        <output class="try-result" aria-live="polite"></output></form></details>
        {{/tryIt}}</section>

        """

    static let media = """
        <div class="media"><p class="media-name"><code>{{name}}</code></p>{{{schemaHTML}}}
        {{#examples}}<figure class="example"><figcaption>{{#synthesized}}Example (synthesized from the schema){{/synthesized}}\
        {{^synthesized}}Example <q>{{name}}</q>{{#summary}}: {{.}}{{/summary}}{{/synthesized}}</figcaption>\
        <pre><code>{{{textHTML}}}</code></pre></figure>
        {{/examples}}</div>

        """
}
