import Foundation
import PlannerStorage
import Prometheus

/// The held and booked capacity per service on `/metrics`: live held offers and bookings that
/// have not ended, with the cores and bytes of memory they reserve. Read from the ledger when
/// `/metrics` is scraped, so the figures are those of that moment.
struct CapacityGauges: Sendable {
    private struct ServiceGauges: Sendable {
        var heldOffers: Gauge
        var heldCores: Gauge
        var heldMemory: Gauge
        var bookings: Gauge
        var bookedCores: Gauge
        var bookedMemory: Gauge
    }

    private let gauges: [String: ServiceGauges]

    init(registry: PrometheusCollectorRegistry, services: [String]) {
        var gauges: [String: ServiceGauges] = [:]
        for service in services {
            func gauge(_ metric: String, _ unit: String, _ help: String) -> Gauge {
                registry.makeGauge(
                    descriptor: MetricNameDescriptor(namespace: "plannerd", metricName: metric, unitName: unit, helpText: help),
                    labels: [("service", service)])
            }
            gauges[service] = ServiceGauges(
                heldOffers: gauge("held", "offers", "Held offers that have not lapsed"),
                heldCores: gauge("held", "cores", "Cores reserved by held offers"),
                heldMemory: gauge("held", "memory_bytes", "Memory reserved by held offers"),
                bookings: gauge("bookings", "", "Bookings that have not ended"),
                bookedCores: gauge("booked", "cores", "Cores reserved by bookings"),
                bookedMemory: gauge("booked", "memory_bytes", "Memory reserved by bookings"))
        }
        self.gauges = gauges
    }

    /// Sets every gauge from the ledger as of `now`.
    func update(from ledger: ReservationLedger, now: Date) {
        let usage = ledger.usage(now: Int64(now.timeIntervalSince1970.rounded(.down)))
        for (service, gauges) in self.gauges {
            let current = usage[service] ?? ReservationLedger.Usage()
            gauges.heldOffers.set(Int64(current.heldOffers))
            gauges.heldCores.set(current.heldCores)
            gauges.heldMemory.set(current.heldMemory)
            gauges.bookings.set(Int64(current.bookings))
            gauges.bookedCores.set(current.bookedCores)
            gauges.bookedMemory.set(current.bookedMemory)
        }
    }
}
