#!/usr/bin/env python3
"""Where a `vaxlink match` spends its CPU: the README's "Where the time of a national match
goes" table from a perf profile. Optional tooling (needs perf and Python 3, no packages).

    perf record -F 39 -g -o match.perf -- vaxlink match --store S --shots F --ledger L --out O --demo-key
    perf script -i match.perf -F tid,time,ip,sym > match.txt
    python3 Benchmarks/profile/where-time-goes.py match.txt [--cpu-seconds N]

Each sample is put in the first category (below, in order) that one of its stack frames
names; samples whose frames name none are listed by their leaf (glibc's allocator mostly:
its frames carry no frame pointers, so its callers are lost). With --cpu-seconds (user +
system time of the run, from /usr/bin/time) each share is also given in seconds. The
samples per 30 s window show which phases keep fewer cores busy.
"""
import collections
import re
import sys

# (category, names any of whose frames' `Module.Type.function` must contain); the first
# category that a frame of the sample names wins. Names, not raw symbols: a Swift symbol
# spells its parameters' types too (MatchRun.run's names ShotGroups and DecisionSink).
CATEGORIES = [
    ("decide: touching scored rows", ("PopulationStore.touch",)),
    ("decide: key lookups", ("KeyRun", "PopulationStore.candidates")),
    ("decide: ID slip variants", ("Matcher.idVariants", "PopulationStore.rows", "PrefixHint")),
    ("decide: comparisons", ("Comparator.", "editDistance")),
    ("decide: reading fields", ("PopulationStore.fields",)),
    ("decide: the rest of the search", ("Matcher.decideEach",)),
    ("ledger (SQLite, Merkle tree, hashing of entries)", ("VaxLedger.", "sqlite3")),
    ("release queue and run files", ("ReleaseQueue.", "SpillWriter", "SpillReader", "RunHeads")),
    ("open groups and group rules", ("OpenGroups.", "Matcher.groupDose", "Matcher.decideTogether")),
    ("decisions.csv", ("DecisionsWriter.", "CSVWriter.")),
    ("parsing shots (and hashing each row)", ("nextBatch", "ShotsReader.", "CSVReader.", "CSVScan")),
    ("grouping pass", ("ShotGroups.scan", "ShotIDSet.", "radixSort")),
    ("hashing shots.csv for the ledger's header", ("sha256.ofFile",)),
    ("store open and checks", ("ContentHash", "checkValues", "SectionFile.", "ShardView.init")),
    ("match loop, other", ("MatchRun.",)),
]


def name(symbol):
    """`Module.Type.function` of a mangled Swift symbol ($s10VaxStorage15PopulationStoreC5touch...),
    else the symbol without its offset."""
    symbol = symbol.split("+0x")[0]
    if not symbol.startswith("$s"):
        return symbol
    parts, at = [], 2
    while len(parts) < 3 and at < len(symbol):
        digits = at
        while digits < len(symbol) and symbol[digits].isdigit():
            digits += 1
        if digits == at:  # a kind letter (C class, V struct, O enum, ...) between names
            at += 1
            continue
        length = int(symbol[at:digits])
        parts.append(symbol[digits:digits + length])
        at = digits + length
    return ".".join(parts)


# "[comm] tid time:": perf prints the command name first unless told otherwise (-F), and
# right-aligns the tid; frames start with a tab.
SAMPLE_HEADER = re.compile(r"(?:\S.*?)? *\d+ +(\d+\.\d+):")


def samples(path):
    """Yields (seconds, [frame symbols, leaf first]) for each sample of `perf script`."""
    time, frames = None, []
    with open(path, errors="replace") as text:
        for line in text:
            if not line.strip():
                if time is not None:
                    yield time, frames
                time, frames = None, []
            elif not line.startswith("\t") and SAMPLE_HEADER.match(line):
                time = float(SAMPLE_HEADER.match(line).group(1))
            else:
                parts = line.split(None, 1)
                frames.append(parts[1].strip() if len(parts) > 1 else "?")
    if time is not None:
        yield time, frames


def category(frames):
    names = [name(frame) for frame in frames]
    for label, needles in CATEGORIES:
        if any(needle in n for n in names for needle in needles):
            return label
    return "other: " + (names[0][:50] if names else "?")


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    cpu = None
    if "--cpu-seconds" in args:
        at = args.index("--cpu-seconds")
        cpu = float(args[at + 1])
        del args[at:at + 2]
    shares, windows = collections.Counter(), collections.Counter()
    first = None
    for time, frames in samples(args[0]):
        first = time if first is None else first
        shares[category(frames)] += 1
        windows[int((time - first) // 30)] += 1
    total = sum(shares.values())
    if total == 0:
        print("no samples in " + args[0], file=sys.stderr)
        return 1
    print(f"{total} samples")
    for name, count in shares.most_common(30):
        seconds = f"  {count / total * cpu:7.0f} s" if cpu else ""
        print(f"{100 * count / total:6.2f} %{seconds}  {name}")
    # Busy cores per window need the sampling rate: the samples of the busiest window set it
    # only if some window kept every core busy, so the counts are printed as they are.
    print("samples per 30 s window (divide by 30 x the -F rate for busy cores):")
    print(" ".join(f"{w * 30}:{windows[w]}" for w in sorted(windows)))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
