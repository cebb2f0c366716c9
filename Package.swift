// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage; shared value types live in TuiweiCore at the bottom,
// the `tuiwei` command sits on top, and nothing imports upward.
let package = Package(
    name: "Tuiwei",
    products: [
        .executable(name: "tuiwei", targets: ["tuiwei"]),
        .library(name: "Tuiwei", targets: ["TuiweiPipeline"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "TuiweiCore"),
        .target(name: "TuiweiCorpus", dependencies: ["TuiweiCore"]),
        .target(name: "TuiweiTranscript", dependencies: ["TuiweiCore", "TuiweiCorpus"]),
        .target(name: "TuiweiSegmentation", dependencies: ["TuiweiCore"]),
        .target(name: "TuiweiLexicon", dependencies: ["TuiweiCore", "TuiweiSegmentation"]),
        .target(name: "TuiweiScoring", dependencies: ["TuiweiCore"]),
        .target(name: "TuiweiAggregates", dependencies: ["TuiweiCore", "TuiweiScoring"]),
        .target(name: "TuiweiReports", dependencies: ["TuiweiCore", "TuiweiScoring", "TuiweiAggregates"]),
        .target(name: "TuiweiFit", dependencies: ["TuiweiCore", "TuiweiScoring"]),
        .target(
            name: "TuiweiPipeline",
            dependencies: [
                "TuiweiCore", "TuiweiCorpus", "TuiweiTranscript", "TuiweiSegmentation",
                "TuiweiLexicon", "TuiweiScoring", "TuiweiAggregates", "TuiweiReports", "TuiweiFit",
            ]),
        .target(
            name: "TuiweiExchange",
            dependencies: ["TuiweiCore", "TuiweiCorpus", "TuiweiTranscript", "TuiweiScoring", "TuiweiPipeline"]),
        .executableTarget(name: "tuiwei", dependencies: ["TuiweiPipeline", "TuiweiExchange"]),
        .executableTarget(
            name: "SegmentationBenchmark",
            dependencies: ["TuiweiCore", "TuiweiSegmentation"],
            path: "Benchmarks/SegmentationBenchmark"),
        .executableTarget(
            name: "CorpusGenerator",
            dependencies: ["TuiweiCore", "TuiweiTranscript"],
            path: "Benchmarks/CorpusGenerator"),

        // What the tests share: temporary folders; for the scoring, aggregate and report tests also
        // resources, a stand-in segmenter, detection and context builders, a small analysed corpus.
        .target(
            name: "TuiweiTestSupport",
            dependencies: ["TuiweiCore", "TuiweiScoring", "TuiweiAggregates", "TuiweiReports", "TuiweiPipeline"],
            path: "Tests/TuiweiTestSupport"),
        .testTarget(name: "TuiweiCoreTests", dependencies: ["TuiweiCore", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiCorpusTests", dependencies: ["TuiweiCorpus", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiTranscriptTests", dependencies: ["TuiweiTranscript", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiSegmentationTests", dependencies: ["TuiweiSegmentation", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiLexiconTests", dependencies: ["TuiweiLexicon", "TuiweiTranscript", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiScoringTests", dependencies: ["TuiweiScoring", "TuiweiAggregates", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiAggregatesTests", dependencies: ["TuiweiAggregates", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiReportsTests", dependencies: ["TuiweiReports", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiFitTests", dependencies: ["TuiweiFit"]),
        .testTarget(name: "TuiweiPipelineTests", dependencies: ["TuiweiPipeline", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiExchangeTests", dependencies: ["TuiweiExchange", "TuiweiTestSupport"]),
        .testTarget(name: "TuiweiCLITests", dependencies: ["tuiwei", "TuiweiTestSupport"]),
    ]
)
