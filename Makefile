# ChatOps Designer. Two commands for users:
#   make serve   install what is missing, then serve the app on http://127.0.0.1:8080/
#   make test    install test dependencies, then run every check CI runs
# Developer targets: make size, make bench-engine, make e2e, make golden, make export-check.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p}' Cargo.lock)
HOST := $(shell rustc -vV | sed -n 's/^host: //p')
E2E := tests/e2e
NODE_STAMP := $(E2E)/node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# npm's wasm-opt (binaryen 132) first: Trunk is pinned to it and must not download one.
# The Python tools (cfn-lint, AWS CLI, moto) live in .venv.
VENV := .venv
PY_STAMP := $(VENV)/.installed
# checkov and parliament pin their own AWS SDK, so they live in a second environment, after .venv on PATH.
LINT_VENV := .venv-lint
LINT_STAMP := $(LINT_VENV)/.installed
export PATH := $(CURDIR)/$(E2E)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(HOME)/.cargo/bin:$(PATH):$(CURDIR)/$(LINT_VENV)/bin
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

.PHONY: help serve test dist size bench bench-engine e2e golden fuzz cargo-fuzz tools test-tools wasm-target trunk wasm-bindgen apt-deps node-deps cdk-deps \
	fmt-check clippy pure-core native-test wasm-test release-build tree-unchanged bench-lists

help:
	@echo "make serve   install what is missing, then serve the app on http://127.0.0.1:8080/"
	@echo "make test    install test dependencies, then run every check (what CI runs)"
	@echo "make dist    release build in dist/ for any static host, plus dist-hosting/ (S3 + CloudFront)"
	@echo "make size    release build, then raw and gzip bytes of every file in dist/ (with and without wasm-opt)"
	@echo "make bench   ChatOps Designer side by side with the Adaptive Cards Designer; writes bench/results.md"

# ---------------------------------------------------------------------------------------------
# Installs: idempotent, from the package registries only, each saying what it does and how long.

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || { \
	  echo ">> Installing the Rust wasm32 target with rustup (under a minute, once)"; \
	  rustup target add wasm32-unknown-unknown; }

trunk:
	@trunk --version 2>/dev/null | grep -qx 'trunk $(TRUNK_VERSION)' || { \
	  echo ">> Installing Trunk $(TRUNK_VERSION) with cargo: about 10 minutes on 2 cores, once. It is compiling, not hung."; \
	  cargo install trunk --locked --version $(TRUNK_VERSION); }

wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "cannot read the wasm-bindgen version from Cargo.lock"; exit 2; }
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || { \
	  echo ">> Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) with cargo: about 3 minutes on 2 cores, once."; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); }

apt-deps:
	@missing=""; for p in chromium chromium-driver shellcheck fonts-noto-color-emoji; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo ">> Installing$$missing from Debian (about a minute, once)"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; fi

$(NODE_STAMP): $(E2E)/package-lock.json $(E2E)/package.json
	@echo ">> Installing test and build tools from $(E2E)/package-lock.json with npm ci (seconds)"
	cd $(E2E) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-deps: $(NODE_STAMP)

$(PY_STAMP): tests/tools/requirements.txt
	@echo ">> Installing cfn-lint, the AWS CLI, moto and policy_sentry into $(VENV) with pip (about 2 minutes, once)"
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r tests/tools/requirements.txt
	@touch $@

$(LINT_STAMP): tests/tools/lint-requirements.txt
	@echo ">> Installing checkov and parliament into $(LINT_VENV) with pip (about 2 minutes, once)"
	python3 -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/pip install -q --disable-pip-version-check -r tests/tools/lint-requirements.txt
	@touch $@

# The exported CDK apps' pinned libraries: aws-cdk-lib and its tools from npm, and aws-cdk-lib
# for Python in a third environment (its jsii runtime pins its own typeguard and cattrs).
CDK := tests/tools/cdk
CDK_NODE_STAMP := $(CDK)/node_modules/.installed
CDK_VENV := .venv-cdk
CDK_PY_STAMP := $(CDK_VENV)/.installed

$(CDK_NODE_STAMP): $(CDK)/package-lock.json $(CDK)/package.json
	@echo ">> Installing aws-cdk-lib, constructs, TypeScript and the CDK CLI from $(CDK)/package-lock.json with npm ci (seconds)"
	cd $(CDK) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CDK_PY_STAMP): $(CDK)/requirements.txt
	@echo ">> Installing aws-cdk-lib for Python into $(CDK_VENV) with pip (about a minute, once)"
	python3 -m venv $(CDK_VENV)
	$(CDK_VENV)/bin/pip install -q --disable-pip-version-check -r $(CDK)/requirements.txt
	@touch $@

cdk-deps: $(CDK_NODE_STAMP) $(CDK_PY_STAMP)

py-deps: $(PY_STAMP) $(LINT_STAMP)

tools: wasm-target trunk wasm-bindgen node-deps

test-tools: tools apt-deps py-deps cdk-deps

# ---------------------------------------------------------------------------------------------
# make serve

serve: tools
	@echo ">> Building and serving ChatOps Designer at http://127.0.0.1:8080/ (Ctrl+C stops)"
	trunk serve

# ---------------------------------------------------------------------------------------------
# make test: every check, in order; stops at the first failure.

test: test-tools
	@mkdir -p target && $(TREE_STATE) > target/tree-before
	@$(MAKE) --no-print-directory fmt-check clippy pure-core native-test export-check fuzz wasm-test release-build e2e tree-unchanged

# What the working tree holds (status and changes), so a test run can show it left it as it was.
TREE_STATE = { git status --porcelain=v1 --untracked-files=all 2>/dev/null; git diff 2>/dev/null; } | sha256sum

# A test run leaves the tree as it found it: no tracked file changed, no untracked file left.
tree-unchanged:
	@echo ">> the tree is as the run found it (git status)"
	@if [ "$$($(TREE_STATE))" != "$$(cat target/tree-before 2>/dev/null)" ]; then \
	  echo "make test changed the working tree:"; git status --short --untracked-files=all; exit 1; fi

fmt-check:
	@echo ">> cargo fmt --check"
	cargo fmt --all -- --check

clippy:
	@echo ">> clippy, native and wasm32, warnings are errors"
	cargo clippy --all-targets --locked --features tool-checks -- -D warnings
	cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --bin first-view -- -D warnings

# The native build (core + CLI) must not pull in any web crate.
pure-core:
	@echo ">> checking that the native build pulls in no leptos, web-sys or wasm-bindgen"
	@deps=$$(cargo tree --locked -e normal,build --target $(HOST) --prefix none --format '{p}' | awk '{print $$1}' | sort -u); \
	bad=$$(echo "$$deps" | grep -xE 'leptos|leptos_.*|web-sys|js-sys|wasm-bindgen|wasm-bindgen-.*|gloo-.*' || true); \
	if [ -n "$$bad" ]; then echo "native build pulls in web crates:"; echo "$$bad"; exit 1; fi; \
	echo "native build: $$(echo "$$deps" | wc -l) crates, none of them web crates"

native-test:
	@echo ">> native tests: core and CLI"
	cargo test --locked

# Exports checked by the real tools: cfn-lint, HashiCorp's HCL parser and formatter, shellcheck,
# parliament and checkov, the exported scripts run with the AWS CLI against moto and a chatbot API
# stub on loopback (the deployed policies evaluated with moto's IAM evaluator), the IAM table
# regenerated from its sources, and the CDK apps type-checked (tsc, strict) and synthesized with the
# pinned aws-cdk-lib, TypeScript and Python, each template equal to the CloudFormation export.
export-check: py-deps node-deps cdk-deps
	@echo ">> exports: cfn-lint, HCL parser and hclwrite, shellcheck, parliament, checkov, AWS CLI against moto, the CDK apps type-checked and synthesized (about 7 minutes)"
	cargo test --locked --features tool-checks --test tools

cargo-fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || { \
	  echo ">> Installing cargo-fuzz with cargo: about 2 minutes on 2 cores, once."; \
	  cargo install cargo-fuzz --locked; }

# libFuzzer on share-link decoding and on the Terraform import, each bounded in time (longer by
# hand: make fuzz FUZZ_SECONDS=600). cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the one
# stable toolchain accept them.
FUZZ_SECONDS ?= 20
FUZZ_TARGETS = share_decode tf_import
fuzz: cargo-fuzz
	@mkdir -p target
	@for t in $(FUZZ_TARGETS); do \
	  echo ">> cargo fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 > target/fuzz-$$t.log 2>&1 || { \
	    tail -40 target/fuzz-$$t.log; echo "fuzzing failed: see fuzz/artifacts/$$t"; exit 1; }; \
	  grep -E '^Done' target/fuzz-$$t.log; \
	done

wasm-test:
	@echo ">> wasm-bindgen-test in headless Chromium"
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
	  cargo test --locked --target wasm32-unknown-unknown --test web

release-build:
	@echo ">> trunk build --release"
	trunk build --release

# A release build to copy to any static host, with HOSTING.txt (the headers to set) and, in
# dist-hosting/, a CloudFormation template for S3 + CloudFront and the script that publishes to it.
dist: tools
	@echo ">> trunk build --release, then the hosting files"
	trunk build --release
	python3 scripts/hosting.py dist dist-hosting

e2e:
	@echo ">> Playwright end-to-end suite against the release dist/ on 127.0.0.1"
	cd $(E2E) && node --test --test-concurrency=1 --test-timeout=180000 --test-force-exit --test-reporter=spec *.test.mjs

# ---------------------------------------------------------------------------------------------
# Developer targets.

size: tools
	@trunk build --release >/dev/null
	@sed 's/data-wasm-opt="z"/data-wasm-opt="0"/g' index.html > index-noopt.html
	@trunk build index-noopt.html --release --dist target/dist-noopt >/dev/null; rm -f index-noopt.html
	@echo "== dist/ (release, wasm-opt -Oz from npm binaryen 132), each chunk and the view that first needs it"; node scripts/chunks.mjs dist
	@echo; echo "== the same build without wasm-opt"; node scripts/chunks.mjs target/dist-noopt

BENCH_STAMP := bench/node_modules/.installed
$(BENCH_STAMP): bench/package-lock.json bench/package.json
	@echo ">> Installing the benchmark peer (Adaptive Cards Designer and its CDN packages) with npm ci (seconds)"
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# ChatOps Designer and the Adaptive Cards Designer measured in one run; writes bench/results.md.
bench: tools apt-deps $(BENCH_STAMP)
	@echo ">> release build, release examples, then the side-by-side run (a few minutes)"
	trunk build --release
	cargo build --release --locked --examples --bin chatops
	node bench/run.mjs dist

bench-engine:
	cargo run --release --locked --example bench_engine

# Long lists from a link: the longest task while opening and the keystroke latency, beside the seed.
bench-lists: tools apt-deps node-deps
	trunk build --release
	node bench/lists.mjs dist

golden:
	UPDATE_GOLDEN=1 cargo test --locked --test it golden
	UPDATE_GOLDEN=1 cargo test --locked --test it first_view::index_html_carries
