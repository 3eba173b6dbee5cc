/// The page's CSS: system fonts, light and dark colours (prefers-color-scheme), a navigation column that folds
/// away on narrow screens, and colour-coded methods. Colours keep a contrast ratio of at least 4.5:1 for text.
/// Operations and schemas use `content-visibility: auto`, so a browser lays out only what is on screen: on
/// GitHub's thousand operations that is what keeps the load event well under a second (bench/README.md).
enum DocsStyle {
    static let css = """
        :root{--bg:#fff;--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--link:#0a58ca;--code:#eff1f3;\
        --get:#0b5cad;--post:#1a7f37;--put:#8a5a00;--patch:#6f42c1;--delete:#c62828;--other:#57606a;\
        --ok:#1a7f37;--warn:#8a5a00;--err:#c62828;--mark:#fff8c5;--type:#6f42c1}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;\
        --panel:#161b22;--link:#58a6ff;--code:#1f242c;--get:#1f6feb;--post:#238636;--put:#9e6a03;--patch:#8957e5;\
        --delete:#da3633;--other:#6e7681;--ok:#3fb950;--warn:#d29922;--err:#f85149;--mark:#3b2e00;\
        --type:#d2a8ff}}
        *{box-sizing:border-box}
        html{scroll-padding-top:3.5rem}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",\
        Roboto,"Helvetica Neue",Arial,sans-serif}
        a{color:var(--link)}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.875em}
        code{background:var(--code);padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
        pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.75rem;overflow:auto;\
        max-height:32rem}
        pre code{background:none;padding:0}
        .skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;z-index:10;background:var(--bg);padding:.5rem}
        .top{position:sticky;top:0;z-index:5;display:flex;gap:.75rem;align-items:center;padding:.5rem 1rem;\
        background:var(--panel);border-bottom:1px solid var(--line)}
        .brand{font-weight:600}.version{color:var(--muted);font-size:.85em;font-weight:400}
        .tools{margin-left:auto;display:flex;gap:.5rem}
        button{font:inherit;font-size:.85rem;color:var(--fg);background:var(--bg);border:1px solid var(--line);\
        border-radius:6px;padding:.25rem .6rem;cursor:pointer}
        button:hover{border-color:var(--muted)}
        #menu{display:none}
        .layout{display:grid;grid-template-columns:minmax(16rem,20rem) minmax(0,1fr)}
        nav{position:sticky;top:2.8rem;align-self:start;height:calc(100vh - 2.8rem);overflow:auto;padding:1rem;\
        border-right:1px solid var(--line);background:var(--bg)}
        nav label{display:block;font-weight:600;font-size:.9rem;margin-bottom:.25rem}
        #search{width:100%;font:inherit;padding:.4rem .6rem;border:1px solid var(--muted);border-radius:6px;\
        background:var(--bg);color:var(--fg)}
        .hint{color:var(--muted);font-size:.75rem;margin:.3rem 0 .75rem}
        nav ul{list-style:none;margin:0;padding:0}
        nav li a{display:flex;gap:.4rem;align-items:baseline;padding:.2rem .35rem;border-radius:4px;\
        text-decoration:none;color:var(--fg);font-size:.875rem}
        nav li a:hover,nav li.active>a{background:var(--mark)}
        nav li.active>a{outline:2px solid var(--link)}
        .group{margin-top:.6rem}.group-title{font-weight:600}
        .label{overflow-wrap:anywhere}.label.deprecated{text-decoration:line-through}
        .m{display:inline-block;flex:none;min-width:4.4em;text-align:center;font:600 .7rem/1.6 ui-monospace,monospace;\
        color:#fff;border-radius:4px;padding:0 .25rem;background:var(--other)}
        .m.get{background:var(--get)}.m.post{background:var(--post)}.m.put{background:var(--put)}
        .m.patch{background:var(--patch)}.m.delete{background:var(--delete)}
        main{padding:1rem 2rem 4rem;max-width:72rem;min-width:0}
        h1{font-size:1.9rem;margin:.5rem 0}h2{font-size:1.45rem;margin-top:2.5rem;padding-bottom:.3rem;\
        border-bottom:1px solid var(--line)}h3{font-size:1.2rem;margin-top:2rem}h4{font-size:1rem;margin:1.25rem 0 .5rem}
        h5{font-size:.95rem;margin:.5rem 0}
        .lead{font-size:1.1rem;color:var(--muted)}
        .op{border-top:1px solid var(--line);padding-top:.25rem}
        .op,.component{content-visibility:auto;contain-intrinsic-size:auto 900px}
        [tabindex="-1"]:focus{outline:none}
        .op.is-deprecated h3{color:var(--muted)}
        .endpoint{display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap}
        .path{font-size:.95rem;overflow-wrap:anywhere}
        .permalink{text-decoration:none;color:var(--muted)}
        .opid,.security{color:var(--muted);font-size:.875rem}
        .alt{display:inline-block;margin-right:.5rem}
        .badge{display:inline-block;font-size:.7rem;font-weight:600;border:1px solid var(--line);border-radius:999px;\
        padding:0 .45rem;color:var(--muted);vertical-align:middle}
        .badge.required{color:var(--err);border-color:var(--err)}.badge.deprecated{color:var(--warn);border-color:var(--warn)}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
        th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:var(--panel)}caption{text-align:left;font-weight:600;padding:.25rem 0}
        td p{margin:0}.align-center{text-align:center}.align-right{text-align:right}
        .response{border-left:4px solid var(--other);padding:.1rem 0 .1rem .9rem;margin:.75rem 0}
        .response.success{border-color:var(--ok)}.response.redirect{border-color:var(--get)}
        .response.client-error{border-color:var(--warn)}.response.server-error{border-color:var(--err)}
        .status{font-family:ui-monospace,monospace}
        .media-name{margin:.5rem 0 .25rem;color:var(--muted);font-size:.85rem}
        .schema{font-size:.9rem;margin:.25rem 0}
        .schema>em{font-weight:600}
        .tree{list-style:none;margin:.25rem 0;padding-left:1rem;border-left:1px solid var(--line)}
        .tree li{margin:.3rem 0}
        .tree code{font-weight:600;background:none;padding:0}
        .schema em,.params em{font-style:normal;color:var(--type)}
        .schema small,.params small{color:var(--muted);font-size:.8rem}
        .desc{color:var(--fg);font-size:.875rem}.desc p{margin:.1rem 0}
        details>summary{cursor:pointer;color:var(--muted);font-size:.8rem}
        .more{color:var(--muted);font-style:italic}
        figure{margin:.75rem 0;position:relative}figcaption{font-size:.8rem;color:var(--muted);margin-bottom:.2rem}
        .samples figure .copy{position:absolute;top:1.6rem;right:.5rem}
        .try{margin:1rem 0;padding:.5rem .75rem;border:1px dashed var(--line);border-radius:6px}
        .try label{display:block;margin:.4rem 0;font-size:.875rem}
        .try input,.try textarea{display:block;width:100%;font:inherit;font-family:ui-monospace,monospace;\
        padding:.3rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
        .in{color:var(--muted);font-size:.8rem}
        .try output{display:block;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.8rem;margin-top:.5rem}
        blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
        footer{color:var(--muted);font-size:.8rem;margin-top:4rem;border-top:1px solid var(--line)}
        :focus-visible{outline:2px solid var(--link);outline-offset:2px}
        @media (max-width:800px){#menu{display:inline-block}.tools{display:none}.layout{display:block}
        nav{display:none;position:fixed;top:2.8rem;left:0;right:0;z-index:4;border-right:0;\
        border-bottom:1px solid var(--line)}nav.open{display:block}main{padding:1rem}}
        @media print{nav,.top,.try,.copy{display:none}.layout{display:block}}
        """
}
