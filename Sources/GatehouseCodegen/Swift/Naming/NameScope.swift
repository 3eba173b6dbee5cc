/// Hands out unique names within one scope (the members of a type, the cases of an enum, the top-level types),
/// deterministically: the first claimant keeps the name, later ones get `2`, `3`, … in the order they ask.
struct NameScope {
    private var taken: Set<String>

    /// `reserved` names are never handed out (names the generated code itself declares in that scope).
    init(reserved: Set<String> = []) {
        self.taken = reserved
    }

    /// `base`, or `base2`, `base3`, … when it is taken; the result is taken from now on.
    mutating func claim(_ base: String) -> String {
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }

    func contains(_ name: String) -> Bool { taken.contains(name) }

    /// Every name handed out or reserved so far.
    var names: Set<String> { taken }
}
