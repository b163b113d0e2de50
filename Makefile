# vaxlink: the two commands of the README are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/vaxlink
DEMO_DIR ?= demo-out

.PHONY: deps build test demo bench bench-national sanitize clean

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

# The national-scale scenario (100 M citizens, 80 M shots; about 60 GB of disk).
bench-national: build
	bash ops/bench-national.sh

# The suite under ThreadSanitizer and AddressSanitizer. Leak reports are off for ASan: Foundation's
# Process and test-only statics show up as leaks; memory errors are what this run is for.
sanitize: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build .build-tsan .build-asan Benchmarks/.build $(DEMO_DIR)
