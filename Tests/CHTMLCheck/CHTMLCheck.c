#include "CHTMLCheck.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

struct chtml_state {
    void *context;
    chtml_problem_callback on_problem;
};

static void chtml_structured_error(void *data, xmlErrorPtr error) {
    struct chtml_state *state = data;
    if (error == NULL || state == NULL) return;
    state->on_problem(state->context, error->line, error->message != NULL ? error->message : "?");
}

static void chtml_walk(xmlNodePtr node, void *context, chtml_element_callback on_element) {
    for (; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        size_t count = 0;
        for (xmlAttrPtr attribute = node->properties; attribute != NULL; attribute = attribute->next) count++;
        const char **pairs = calloc(count * 2 + 1, sizeof(char *));
        xmlChar **values = calloc(count + 1, sizeof(xmlChar *));
        size_t index = 0;
        for (xmlAttrPtr attribute = node->properties; attribute != NULL; attribute = attribute->next, index++) {
            values[index] = xmlNodeGetContent((xmlNodePtr)attribute);
            pairs[index * 2] = (const char *)attribute->name;
            pairs[index * 2 + 1] = values[index] != NULL ? (const char *)values[index] : "";
        }
        xmlChar *script = NULL;
        if (strcmp((const char *)node->name, "script") == 0) script = xmlNodeGetContent(node);
        on_element(context, (const char *)node->name, pairs, (const char *)script);
        if (script != NULL) xmlFree(script);
        for (size_t i = 0; i < count; i++) {
            if (values[i] != NULL) xmlFree(values[i]);
        }
        free(values);
        free(pairs);
        chtml_walk(node->children, context, on_element);
    }
}

int chtml_parse(const char *bytes, int length, void *context, chtml_problem_callback on_problem,
                chtml_element_callback on_element) {
    struct chtml_state state = {context, on_problem};
    htmlParserCtxtPtr parser = htmlNewParserCtxt();
    if (parser == NULL) return -1;
    // The handler is per thread in libxml2; the whole parse runs on this thread.
    xmlSetStructuredErrorFunc(&state, chtml_structured_error);
    htmlDocPtr document = htmlCtxtReadMemory(parser, bytes, length, "index.html", "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    htmlFreeParserCtxt(parser);
    if (document == NULL) return -1;
    chtml_walk(xmlDocGetRootElement(document), context, on_element);
    xmlFreeDoc(document);
    return 0;
}
