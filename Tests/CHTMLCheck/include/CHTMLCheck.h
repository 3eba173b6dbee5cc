#ifndef CHTMLCHECK_H
#define CHTMLCHECK_H

// A narrow C interface to libxml2's HTML parser for the docs tests. libxml2's own headers pull in ICU, whose
// declarations clash with Foundation's copy when imported into Swift, so Swift sees only this header.

/// Called for each error or warning the parser reports.
typedef void (*chtml_problem_callback)(void *context, int line, const char *message);

/// Called for each element in document order: its name, its attributes as a NULL-terminated list of name and
/// value pairs, and its text content when it is a script (else NULL).
typedef void (*chtml_element_callback)(void *context, const char *name, const char *const *attributes,
                                       const char *script);

/// Parses `length` bytes of UTF-8 HTML; returns 0 when a document was built, -1 otherwise.
int chtml_parse(const char *bytes, int length, void *context, chtml_problem_callback on_problem,
                chtml_element_callback on_element);

#endif
