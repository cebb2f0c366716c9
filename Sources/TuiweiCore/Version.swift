/// The release this build is, printed by `tuiwei --version` and recorded with every run's output
/// so a report, a shard or an evaluation says which Tuiwei made it.
public enum TuiweiVersion {
    public static let string = "0.4.0"
}
