/// `1 operation`, `3 operations`: a count with its noun, for banners and summaries.
package func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
