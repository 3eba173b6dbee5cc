// libxml2's HTML parser, for the docs tests: it reports the errors a browser would silently repair.
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
