# vaxlink: the two commands of the README are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/vaxlink
DEMO_DIR ?= demo-out

.PHONY: deps build test demo bench bench-peer bench-national sanitize fuzz clean

deps:
	@bash ops/ensure-deps.sh

build: deps
	$(SWIFT) build -c release

# The whole suite (Swift Testing); CI reads its closing line.
test: deps
	$(SWIFT) test

# Generates the default data set and runs the whole pipeline, then prints the summary.
demo: build
	$(RELEASE_BIN) demo --out $(DEMO_DIR)

# Benchmarks: a nested package built in release (Benchmarks/README.md).
bench: deps
	cd Benchmarks && $(SWIFT) run -c release vaxbench all

# vaxlink against Splink 5 on the same 1 M / 800 k data (Benchmarks/peer/README.md): installs
# pinned Splink and DuckDB into Benchmarks/.venv-peer, times both as whole processes, scores
# both against truth.csv. Optional, not part of make test; Splink takes several minutes.
bench-peer: build
	bash Benchmarks/peer/run-peer.sh

# The national-scale scenario (100 M citizens, 80 M shots; about 60 GB of disk).
bench-national: build
	bash ops/bench-national.sh

# The suite under ThreadSanitizer and AddressSanitizer. Leak reports are off for ASan: Foundation's
# Process and test-only statics show up as leaks; memory errors are what this run is for.
sanitize: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

# Fuzzing (issue 12, Tests/Fuzz/README.md): builds the libFuzzer targets of the nested package
# Tests/Fuzz in release with AddressSanitizer and runs each for FUZZ_SECONDS, starting from the
# checked-in seeds (Corpus/<target>) in a working corpus (Tests/Fuzz/Work/<target>, not checked in).
# Each target's log is Tests/Fuzz/Work/<target>.log; a crash is written to
# Tests/Fuzz/Work/crash-<target>-*, and make fails at the end. Minimize it, move it to
# FailCases/<target>/ and `make test` replays it. FUZZ_TARGETS picks targets, FUZZ_FLAGS adds
# libFuzzer flags. SWIFT_BACKTRACE=enable=no: the Swift runtime's crash handler and ASan fight.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= shots-csv population-csv store ledger hc1
FUZZ_FLAGS ?=
fuzz: deps
	cd Tests/Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address
	@failed=""; for t in $(FUZZ_TARGETS); do \
		mkdir -p Tests/Fuzz/Work/$$t; \
		echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
		if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 Tests/Fuzz/.build/release/fuzz-$$t \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=Tests/Fuzz/Work/crash-$$t- $(FUZZ_FLAGS) \
			Tests/Fuzz/Work/$$t Tests/Fuzz/Corpus/$$t > Tests/Fuzz/Work/$$t.log 2>&1; \
		then grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec)" Tests/Fuzz/Work/$$t.log; \
		else grep -E "ERROR|SUMMARY|Test unit written|#[0-9]+ 0x" Tests/Fuzz/Work/$$t.log | head -30; failed="$$failed $$t"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in:$$failed (Tests/Fuzz/Work)"; exit 1; fi

clean:
	rm -rf .build .build-tsan .build-asan Benchmarks/.build Tests/Fuzz/.build Tests/Fuzz/Work $(DEMO_DIR)
