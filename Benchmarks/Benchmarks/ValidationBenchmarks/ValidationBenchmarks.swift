// Validation: each handler's worst valid taskinfo (read from an already parsed document, as the
// planner hands it over), MemoryQuantity and TaskDuration parsing, and StrictJSONParser on a
// ~64 KiB document.
import Benchmark
import DockerContainerHandler
import KubernetesHelmHandler
import NotebookHandler
import PlannerBenchmarkFixtures
import PlannerKernel

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    let registry = PlanningFixtures.registry()
    let taskinfoPath = JSONPointer(tokens: ["taskinfo"])
    let inputs = [
        ("docker-container", "uri://docker-container", WorstCaseInputs.dockerTaskInfo),
        ("kubernetes-helm", "uri://kubernetes-helm", WorstCaseInputs.helmTaskInfo),
        ("jupyter-notebook (inline)", "uri://jupyter-notebook", WorstCaseInputs.notebookTaskInfo),
    ]
    for (name, uri, text) in inputs {
        let handler = registry.handler(for: uri)!
        let document = PlanningFixtures.parse(text)
        var report = ValidationReport()
        guard handler.readTaskInfo(document, at: taskinfoPath, report: &report) != nil, report.problems.isEmpty else {
            fatalError("\(name): the worst-case input is invalid: \(report.problems.prefix(5).map { "\($0.path): \($0.message)" })")
        }
        if uri == "uri://kubernetes-helm" {
            let depth = document.objectValue?["values"]?.nestingDepth ?? 0
            precondition(depth == 32, "helm values are \(depth) deep, not 32")
        }
        Benchmark("Validate worst taskinfo: \(name), \(text.utf8.count / 1024) KiB") { benchmark in
            for _ in benchmark.scaledIterations {
                var report = ValidationReport()
                blackHole(handler.readTaskInfo(document, at: taskinfoPath, report: &report))
                blackHole(report)
            }
        }
        // The same document parsed first, as a body of that size would be.
        let bytes = Array(text.utf8)
        Benchmark("Parse + validate worst taskinfo: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                do {
                    let document = try StrictJSONParser().parse(bytes)
                    var report = ValidationReport()
                    blackHole(handler.readTaskInfo(document, at: taskinfoPath, report: &report))
                } catch {
                    benchmark.error("\(error)")
                }
            }
        }
    }

    for text in WorstCaseInputs.memoryQuantities {
        precondition((try? MemoryQuantity(parsing: text)) != nil, "\(text) is not a memory quantity")
    }
    Benchmark("MemoryQuantity(parsing:) ×\(WorstCaseInputs.memoryQuantities.count)") { benchmark in
        for _ in benchmark.scaledIterations {
            for text in WorstCaseInputs.memoryQuantities {
                blackHole(try? MemoryQuantity(parsing: text))
            }
        }
    }
    for text in WorstCaseInputs.durations {
        precondition((try? TaskDuration(parsing: text)) != nil, "\(text) is not a duration")
    }
    Benchmark("TaskDuration(parsing:) ×\(WorstCaseInputs.durations.count)") { benchmark in
        for _ in benchmark.scaledIterations {
            for text in WorstCaseInputs.durations {
                blackHole(try? TaskDuration(parsing: text))
            }
        }
    }

    let json = Array(WorstCaseInputs.jsonDocument64KiB.utf8)
    precondition((try? StrictJSONParser().parse(json)) != nil, "the 64 KiB document is not valid JSON")
    Benchmark("StrictJSONParser: \(json.count / 1024) KiB document") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? StrictJSONParser().parse(json))
        }
    }

    // One flat object: guards the linear object building (it was quadratic; docs/performance-in-process.md, finding 2).
    let flat = Array(WorstCaseInputs.flatObject(members: 4_000).utf8)
    precondition((try? StrictJSONParser().parse(flat)) != nil, "the flat object is not valid JSON")
    Benchmark("StrictJSONParser: flat object of 4000 members, \(flat.count / 1024) KiB") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? StrictJSONParser().parse(flat))
        }
    }
}

