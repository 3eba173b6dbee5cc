public import GatehouseJSON

/// Every usage plan of a gateway, read from the contract's `x-gatehouse-usage-plans` or from a config file of the
/// same shape (`gatehouse serve --usage-plans FILE`):
///
/// ```yaml
/// x-gatehouse-usage-plans:
///   default: free            # the plan of keys issued without one
///   anonymous:               # one bucket shared by all calls without a key
///     throttle: {rate: 50, burst: 100}
///   plans:
///     free:
///       throttle: {rate: 5, burst: 10}
///       quota: {limit: 1000, period: DAY}    # DAY, WEEK or MONTH, UTC
///       operations:
///         deleteList: {throttle: {rate: 1, burst: 2}}
/// ```
public struct UsagePlans: Sendable, Hashable {
    public static let extensionName = "x-gatehouse-usage-plans"

    public var plans: [String: UsagePlan]
    /// The plan of keys issued without one (or with a plan that is not declared).
    public var defaultPlan: String?
    /// The throttle for calls that present no key; nil leaves them unmetered.
    public var anonymous: Throttle?
    /// The `description` of each plan that has one (Markdown), by plan name, for the docs.
    public var descriptions: [String: String]

    public init(
        plans: [String: UsagePlan] = [:], defaultPlan: String? = nil, anonymous: Throttle? = nil,
        descriptions: [String: String] = [:]
    ) {
        self.plans = plans
        self.defaultPlan = defaultPlan
        self.anonymous = anonymous
        self.descriptions = descriptions
    }

    /// True when a plan can refuse a call: an anonymous throttle, or a plan with a throttle or a quota.
    public var isLimiting: Bool { anonymous != nil || plans.values.contains(where: \.isLimited) }

    /// The plan a key is metered by: its own when declared, else the default; nil when neither exists.
    public func plan(named name: String?) -> UsagePlan? {
        if let name, let plan = plans[name] { return plan }
        return defaultPlan.flatMap { plans[$0] }
    }

    /// The plans the contract declares; none when it has no `x-gatehouse-usage-plans`. They were read when the model
    /// was built (`APIModel.gateway`), and the front end reported their problems as `usage-plans` diagnostics.
    public init(model: APIModel) throws(UsagePlansError) {
        if let error = model.gateway.usagePlansError { throw error }
        self = model.gateway.usagePlans
    }

    /// Reads the plans from their JSON form; every problem is reported at once, each with where it is.
    public init(json: JSONValue, path: String = "") throws(UsagePlansError) {
        var problems: [UsagePlansError.Problem] = []
        func at(_ suffix: String) -> String { path.isEmpty ? suffix : path + "/" + suffix }
        guard let root = json.objectValue else {
            throw UsagePlansError(problems: [.init(path: path, message: "must be an object")])
        }
        for key in root.keys where !["default", "anonymous", "plans"].contains(key) {
            problems.append(.init(path: at(key), message: "unknown member; expected 'default', 'anonymous' or 'plans'"))
        }
        var plans: [String: UsagePlan] = [:]
        var descriptions: [String: String] = [:]
        if let value = root["plans"] {
            if let object = value.objectValue {
                for member in object {
                    if let description = member.value["description"]?.stringValue {
                        descriptions[member.key] = description
                    }
                    let planPath = at("plans/\(member.key)")
                    if let plan = Self.plan(member.key, member.value, path: planPath, problems: &problems) {
                        plans[member.key] = plan
                    }
                }
            } else {
                problems.append(.init(path: at("plans"), message: "must be an object of plans by name"))
            }
        }
        var defaultPlan: String?
        if let value = root["default"] {
            if let name = value.stringValue {
                if plans[name] != nil {
                    defaultPlan = name
                } else if root["plans"]?.objectValue?[name] == nil {
                    // A plan that is declared but malformed has its own errors; only a missing one is reported here.
                    problems.append(.init(path: at("default"), message: "no plan named '\(name)'"))
                }
            } else {
                problems.append(.init(path: at("default"), message: "must be the name of a plan"))
            }
        }
        var anonymous: Throttle?
        if let value = root["anonymous"] {
            if let object = value.objectValue, let throttle = object["throttle"] {
                for key in object.keys where key != "throttle" {
                    problems.append(.init(path: at("anonymous/\(key)"), message: "unknown member; expected 'throttle'"))
                }
                anonymous = Self.throttle(throttle, path: at("anonymous/throttle"), problems: &problems)
            } else {
                problems.append(.init(path: at("anonymous"), message: "must be an object with a 'throttle'"))
            }
        }
        guard problems.isEmpty else { throw UsagePlansError(problems: problems) }
        self.init(plans: plans, defaultPlan: defaultPlan, anonymous: anonymous, descriptions: descriptions)
    }

    static func plan(_ name: String, _ value: JSONValue, path: String, problems: inout [UsagePlansError.Problem])
        -> UsagePlan?
    {
        guard let object = value.objectValue else {
            problems.append(.init(path: path, message: "must be an object with 'throttle', 'quota' or 'operations'"))
            return nil
        }
        let before = problems.count
        var plan = UsagePlan(name: name)
        for member in object {
            switch member.key {
            case "throttle":
                plan.throttle = throttle(member.value, path: path + "/throttle", problems: &problems)
            case "quota":
                plan.quota = quota(member.value, path: path + "/quota", problems: &problems)
            case "operations":
                guard let operations = member.value.objectValue else {
                    problems.append(
                        .init(path: path + "/operations", message: "must be an object of overrides by operationId"))
                    continue
                }
                for operation in operations {
                    let operationPath = "\(path)/operations/\(operation.key)"
                    guard let override = operation.value.objectValue, let value = override["throttle"],
                        override.count == 1
                    else {
                        problems.append(.init(path: operationPath, message: "must be an object with only a 'throttle'"))
                        continue
                    }
                    if let throttle = throttle(value, path: operationPath + "/throttle", problems: &problems) {
                        plan.operationThrottles[operation.key] = throttle
                    }
                }
            case "description":
                continue
            default:
                problems.append(
                    .init(
                        path: path + "/" + member.key,
                        message: "unknown member; expected 'throttle', 'quota' or 'operations'"))
            }
        }
        return problems.count == before ? plan : nil
    }

    static func throttle(_ value: JSONValue, path: String, problems: inout [UsagePlansError.Problem]) -> Throttle? {
        guard let object = value.objectValue else {
            problems.append(.init(path: path, message: "must be an object with 'rate' and 'burst'"))
            return nil
        }
        for key in object.keys where key != "rate" && key != "burst" {
            problems.append(.init(path: path + "/" + key, message: "unknown member; expected 'rate' and 'burst'"))
        }
        let rate = object["rate"]?.numberValue?.double
        guard let rate, rate > 0, rate.isFinite, rate <= 1_000_000 else {
            problems.append(
                .init(
                    path: path + "/rate", message: "must be a number of requests per second above 0 (at most 1000000)"))
            return nil
        }
        let burst = object["burst"].map { positiveInteger($0) } ?? Int(rate.rounded(.up))
        guard let burst else {
            problems.append(.init(path: path + "/burst", message: "must be a whole number of requests above 0"))
            return nil
        }
        return Throttle(rate: rate, burst: burst)
    }

    static func quota(_ value: JSONValue, path: String, problems: inout [UsagePlansError.Problem]) -> Quota? {
        guard let object = value.objectValue else {
            problems.append(.init(path: path, message: "must be an object with 'limit' and 'period'"))
            return nil
        }
        for key in object.keys where key != "limit" && key != "period" {
            problems.append(.init(path: path + "/" + key, message: "unknown member; expected 'limit' and 'period'"))
        }
        guard let limit = object["limit"].flatMap(positiveInteger) else {
            problems.append(.init(path: path + "/limit", message: "must be a whole number of requests above 0"))
            return nil
        }
        guard let text = object["period"]?.stringValue, let period = QuotaPeriod(rawValue: text.uppercased()) else {
            problems.append(.init(path: path + "/period", message: "must be DAY, WEEK or MONTH"))
            return nil
        }
        return Quota(limit: limit, period: period)
    }

    static func positiveInteger(_ value: JSONValue) -> Int? {
        guard let number = value.numberValue, let integer = number.int64, integer > 0, integer <= Int64(Int32.max)
        else { return nil }
        return Int(integer)
    }
}
