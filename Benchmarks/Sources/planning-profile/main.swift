// A small driver without the benchmark harness, for valgrind --tool=callgrind (instruction counts
// do not depend on what else the machine is doing):
//
//   swift build -c release --product planning-profile
//   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out .build/release/planning-profile plan room-now 100000 1000
//   callgrind_annotate --inclusive=yes /tmp/cg.out | head -60
//
//   planning-profile plan room-now|busy-half-hour RESERVATIONS PLANS   plan the docker ask against a pooled service
//   planning-profile parse json64k|docker|helm|notebook|wideN TIMES     StrictJSONParser on a fixture document (wideN: a flat object of N members)
//   planning-profile validate docker|helm|notebook TIMES                a handler's readTaskInfo on its worst input
//   planning-profile seed docker|helm|notebook TIMES                    plan a seed ask against the demo services
//   planning-profile encode docker|helm|notebook TIMES                  encode a seed ask's answer (JSONValue, then bytes)
//   planning-profile busy MINUTES RESERVATIONS TIMES                    the same with the pool full for MINUTES from now
//   planning-profile dump json64k|docker|helm|notebook|wideN 1           print a fixture document
//   planning-profile quantities TIMES                                   MemoryQuantity and TaskDuration parsing
//   planning-profile route docker|helm|notebook TIMES                   a POST /plan's kernel work, stage by stage: parse, validate, plan, document, bytes
//
// Setting up (a 100 000-reservation timeline, the documents) is part of the run; compare runs
// with different counts, or use callgrind_annotate's inclusive costs, to leave it out.
import Foundation
import PlannerBenchmarkFixtures
import PlannerKernel

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let usage = "usage: planning-profile plan room-now|busy-half-hour RESERVATIONS PLANS | seed docker|helm|notebook TIMES | encode docker|helm|notebook TIMES | busy MINUTES RESERVATIONS TIMES | parse json64k|docker|helm|notebook|wideN TIMES | validate docker|helm|notebook TIMES | dump json64k|docker|helm|notebook|wideN 1 | quantities TIMES | route docker|helm|notebook TIMES"
let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first, let times = arguments.last.flatMap({ Int($0) }), times > 0 else { fail(usage) }
let clock = ContinuousClock()
/// The seed asks by name, for the modes that plan or encode them.
let seedAsks = ["docker": PlanningFixtures.dockerAsk, "helm": PlanningFixtures.helmAsk, "notebook": PlanningFixtures.notebookAsk]

func document(_ name: String) -> String {
    switch name {
    case "json64k": WorstCaseInputs.jsonDocument64KiB
    case "docker": WorstCaseInputs.dockerTaskInfo
    case "helm": WorstCaseInputs.helmTaskInfo
    case "notebook": WorstCaseInputs.notebookTaskInfo
    case let wide where wide.hasPrefix("wide"):
        // wideN: one flat object of N members, {"k0":0,"k1":1,…}
        if let members = Int(wide.dropFirst(4)) { WorstCaseInputs.flatObject(members: members) } else { fail(usage) }
    default: fail(usage)
    }
}

switch mode {
case "dump":
    // dump json64k|docker|helm|notebook|wideN 1: print a fixture document (to feed curl, wrk or a fuzzer)
    guard arguments.count == 3 else { fail(usage) }
    print(document(arguments[1]))
case "plan":
    guard arguments.count == 4, let shape = CapacityScenario.Shape(rawValue: arguments[1]), let count = Int(arguments[2]) else { fail(usage) }
    let scenario = CapacityScenario(reservations: count, shape: shape)
    scenario.check(shape)
    var offers = 0
    let elapsed = clock.measure {
        for _ in 0..<times { offers += scenario.plan().offers.count }
    }
    print("plan \(shape.rawValue), \(scenario.count) reservations, pool \(scenario.capacity.cores ?? 0) cores: \(times) plans, \(offers) offers, \(elapsed / times) each")
case "seed":
    // seed docker|helm|notebook TIMES: OfferPlanner.plan on the parsed seed ask, demo services
    guard arguments.count == 3, let text = seedAsks[arguments[1]] else { fail(usage) }
    let planner = PlanningFixtures.demoPlanner()
    let document = PlanningFixtures.parse(text)
    PlanningFixtures.expectYes(planner, document, arguments[1])
    var offers = 0
    let elapsed = clock.measure {
        for _ in 0..<times {
            if case .answer(let answer) = planner.plan(document, now: PlanningFixtures.now) { offers += answer.offers.count }
        }
    }
    print("seed \(arguments[1]): \(offers) offers, \(elapsed / times) each")
case "encode":
    // encode docker|helm|notebook TIMES: the seed ask's answer encoded as the route writes it
    guard arguments.count == 3, let text = seedAsks[arguments[1]],
        case .answer(let answer) = PlanningFixtures.demoPlanner().plan(PlanningFixtures.parse(text), now: PlanningFixtures.now)
    else { fail(usage) }
    var bytes = 0
    let elapsed = clock.measure {
        for _ in 0..<times { bytes += ((try? JSONValue(encoding: answer))?.serialized().count ?? 0) }
    }
    print("encode \(arguments[1]): \(bytes / times) bytes, \(elapsed / times) each")
case "busy":
    // busy MINUTES RESERVATIONS TIMES: the pool is full for MINUTES from now; where is the offer?
    guard arguments.count == 4, let minutes = Int64(arguments[1]), let count = Int(arguments[2]) else { fail(usage) }
    let scenario = CapacityScenario(reservations: count, busyFor: minutes * 60)
    var answer: Answer?
    let elapsed = clock.measure {
        for _ in 0..<times { answer = scenario.plan() }
    }
    let outcome = answer?.offers.first.map { "YES, start now + \(Int($0.start.timeIntervalSince(PlanningFixtures.now)))s" }
        ?? "NO: \(answer?.reasons.map(\.message) ?? [])"
    // The start-time search tries `now` and then every release until the offer's start.
    let timeline = scenario.reservations[CapacityScenario.serviceName]!
    var releases = 0
    var instant = PlanningFixtures.nowSeconds
    let until = answer?.offers.first.map { Int64($0.start.timeIntervalSince1970) } ?? PlanningFixtures.nowSeconds + 86_400
    while let next = timeline.nextRelease(after: instant), next <= until { releases += 1; instant = next }
    print("busy \(minutes) min, \(scenario.count) reservations: \(outcome), \(elapsed / times) each; \(releases) releases from now to the offer (or the look-ahead's end)")
case "parse":
    guard arguments.count == 3 else { fail(usage) }
    let bytes = Array(document(arguments[1]).utf8)
    var parsed = 0
    let elapsed = clock.measure {
        for _ in 0..<times { if (try? StrictJSONParser().parse(bytes)) != nil { parsed += 1 } }
    }
    print("parse \(arguments[1]), \(bytes.count) bytes: \(parsed)/\(times) parsed, \(elapsed / times) each")
case "validate":
    guard arguments.count == 3 else { fail(usage) }
    let uris: [String: String] = ["docker": "uri://docker-container", "helm": "uri://kubernetes-helm", "notebook": "uri://jupyter-notebook"]
    guard let uri = uris[arguments[1]] else { fail(usage) }
    let handler = PlanningFixtures.registry().handler(for: uri)!
    let value = PlanningFixtures.parse(document(arguments[1]))
    var valid = 0
    let elapsed = clock.measure {
        for _ in 0..<times {
            var report = ValidationReport()
            if handler.readTaskInfo(value, at: JSONPointer(tokens: ["taskinfo"]), report: &report) != nil { valid += 1 }
        }
    }
    print("validate \(arguments[1]): \(valid)/\(times) valid, \(elapsed / times) each")
case "route":
    // route docker|helm|notebook TIMES: what POST /plan does between the body and the answer's bytes, per stage
    guard arguments.count == 3, let text = seedAsks[arguments[1]] else { fail(usage) }
    let planner = PlanningFixtures.demoPlanner()
    let body = Array(text.utf8)
    var durations = [Duration](repeating: .zero, count: 5)
    var bytes = 0
    for _ in 0..<times {
        var started = clock.now
        func lap(_ stage: Int) { let now = clock.now; durations[stage] += now - started; started = now }
        guard let document = try? StrictJSONParser().parse(body) else { fail("the seed ask does not parse") }
        lap(0)
        guard case .success(let valid) = planner.validate(document) else { fail("the seed ask is invalid") }
        lap(1)
        let answer = planner.plan(valid, now: PlanningFixtures.now)
        lap(2)
        let value = answer.document
        lap(3)
        bytes += value.serialized().count
        lap(4)
    }
    let names = ["parse", "validate", "plan", "document", "bytes"]
    print("route \(arguments[1]) (\(body.count) bytes in, \(bytes / times) out): " + zip(names, durations).map { "\($0) \($1 / times)" }.joined(separator: ", "))
case "quantities":
    var parsed = 0
    let elapsed = clock.measure {
        for _ in 0..<times {
            for text in WorstCaseInputs.memoryQuantities where (try? MemoryQuantity(parsing: text)) != nil { parsed += 1 }
            for text in WorstCaseInputs.durations where (try? TaskDuration(parsing: text)) != nil { parsed += 1 }
        }
    }
    print("quantities: \(parsed) parsed, \(elapsed / times) per round of 40")
default:
    fail(usage)
}
