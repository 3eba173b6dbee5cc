import ArgumentParser

/// `diff --sdk`: the generated clients whose source the diff reads.
enum SDKLanguage: String, ExpressibleByArgument, CaseIterable {
    case swift
}
