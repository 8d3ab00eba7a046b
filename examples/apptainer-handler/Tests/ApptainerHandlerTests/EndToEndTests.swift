import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The package's own plannerd, started as a process on a free port of 127.0.0.1 with a
/// configuration that has an Apptainer service, asked over a real socket.
@Suite("apptainer-plannerd end to end")
struct EndToEndTests {
    static let configuration = """
        services:
          - name: hpc
            tasktypes: [ "uri://apptainer-image" ]
            servicetype: uri://slurm-apptainer
            endpoint: https://hpc.example.org/submit
            limits: { maxcores: 64, maxmemory: 256Gi, maxduration: 24h }
            settings: { transports: [ docker, oras ], requirepinned: false }
          - name: containers
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: https://compute.example.org/uws
            limits: { maxcores: 16, maxmemory: 64Gi, maxduration: 12h }
        """

    @Test("POST /plan answers an Apptainer ask YES; GET /tasktypes lists it beside the shipped handlers")
    func answersAnApptainerAsk() async throws {
        try await RunningDaemon.with(configuration: Self.configuration) { daemon in
            let ask = #"{"tasktype": "uri://apptainer-image", "taskinfo": {"image": "oras://ghcr.io/org/tool:1.0"}, "resources": {"mincores": 8, "maxcores": 16, "minmemory": "16Gi", "minduration": "2h"}}"#
            let (status, answer) = try await daemon.post("/plan", ask)
            #expect(status == 200)
            #expect(answer["responseword"] as? String == "YES")
            #expect(answer["servicetype"] as? String == "uri://slurm-apptainer")
            let info = try #require(answer["serviceinfo"] as? [String: Any])
            #expect(info["endpoint"] as? String == "https://hpc.example.org/submit")
            #expect(info["image"] as? String == "oras://ghcr.io/org/tool:1.0")
            let resources = try #require(answer["resources"] as? [String: Any])
            #expect(resources["maxcores"] as? Int == 16)

            let alias = #"{"tasktype": "uri://singularity-image", "taskinfo": {"image": "library://alpine"}}"#
            let (aliasStatus, refused) = try await daemon.post("/plan", alias)
            #expect(aliasStatus == 200)
            #expect(refused["responseword"] as? String == "NO")
            #expect(refused["tasktype"] as? String == "uri://singularity-image")
            let reasons = try #require(refused["reasons"] as? [[String: Any]])
            #expect(reasons.first?["path"] as? String == "/taskinfo/image")
            #expect(reasons.first?["class"] as? String == "policy")

            let (invalidStatus, problem) = try await daemon.post("/plan", #"{"tasktype": "uri://apptainer-image", "taskinfo": {"image": "alpine", "gpu": 1}}"#)
            #expect(invalidStatus == 422)
            let paths = (problem["errors"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
            #expect(Set(paths ?? []) == ["/taskinfo/image", "/taskinfo/gpu"])

            let (listStatus, listing) = try await daemon.get("/tasktypes")
            #expect(listStatus == 200)
            let uris = (listing["tasktypes"] as? [[String: Any]])?.compactMap { $0["tasktype"] as? String } ?? []
            #expect(uris.contains("uri://apptainer-image"))
            #expect(uris.contains("uri://docker-container"))
        }
    }
}
