//! The one native integration-test binary: conformance, engine, CLI.

mod conformance;
