// In-process planning: what POST /plan does once the body is read (OfferPlanner.plan on the parsed
// document), for each seed ask against the demo services, and planning against a pooled service
// whose capacity timeline holds many live reservations.
import Benchmark
import PlannerBenchmarkFixtures
import PlannerKernel

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 20_000
    )

    // The harness's own cost per sample on this machine: subtract it from the µs-scale figures.
    Benchmark("Harness floor: empty body") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(0)
        }
    }

    let planner = PlanningFixtures.demoPlanner()
    let asks = [
        ("docker", PlanningFixtures.dockerAsk),
        ("helm", PlanningFixtures.helmAsk),
        ("notebook URL", PlanningFixtures.notebookAsk),
    ]
    for (name, text) in asks {
        let document = PlanningFixtures.parse(text)
        PlanningFixtures.expectYes(planner, document, name)
        Benchmark("Plan seed ask: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(planner.plan(document, now: PlanningFixtures.now))
            }
        }
    }

    // Parsing and planning together, from the body's bytes, as POST /plan does.
    let dockerBytes = Array(PlanningFixtures.dockerAsk.utf8)
    Benchmark("Parse + plan seed ask: docker") { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                let document = try StrictJSONParser().parse(dockerBytes)
                blackHole(planner.plan(document, now: PlanningFixtures.now))
            } catch {
                benchmark.error("\(error)")
            }
        }
    }
    // …and encoding the answer as the route does before writing it out.
    Benchmark("Parse + plan + encode answer: docker") { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                let document = try StrictJSONParser().parse(dockerBytes)
                guard case .answer(let answer) = planner.plan(document, now: PlanningFixtures.now) else { fatalError("invalid") }
                blackHole(try JSONValue(encoding: answer).serialized())
            } catch {
                benchmark.error("\(error)")
            }
        }
    }

    // A pooled docker service; the timeline is built once, outside the measurement.
    for shape in CapacityScenario.Shape.allCases {
        for count in [0, 1_000, 100_000] {
            Benchmark(
                "Plan with capacity: \(shape.rawValue), \(count) reservations",
                configuration: .init(maxDuration: .seconds(3)),
                closure: { (benchmark: Benchmark, scenario: CapacityScenario) in
                    for _ in benchmark.scaledIterations {
                        blackHole(scenario.plan())
                    }
                },
                setup: {
                    let scenario = CapacityScenario(reservations: count, shape: shape)
                    scenario.check(shape)
                    return scenario
                })
        }
    }
}
