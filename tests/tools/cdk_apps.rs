//! The AWS CDK apps, as their users run them: the TypeScript apps type-checked by `tsc` with their
//! own strict `tsconfig.json`, then every app (TypeScript and Python) synthesized with the pinned
//! aws-cdk-lib (`CDK_OUTDIR`, as `cdk synth` runs them). Each synthesized template passes cfn-lint
//! and checkov and, without what the CDK adds (path metadata, the bootstrap version parameter and
//! rule, the analytics resource), equals the CloudFormation JSON export of the same design and
//! options: same logical ids, properties, pattern, input paths and template text. The goldens and
//! hostile designs (every escape-relevant character) go through it, all apps of a language in
//! one compiler run and one process, so the checks take seconds per app, not a process each.

use super::cloud::{tools_dir, which};
use super::export_cases::{export_design, format_dir, CASES};
use super::iam::checkov;
use super::{cfn_lint, hostile, run};
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::export::{cdk, ExportOptions, Format};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One app to synthesize: its folder name, files, and the template it must give.
struct App {
    name: String,
    files: Vec<(String, String)>,
    expected: Value,
}

fn cfn_json(design: &Design, options: &ExportOptions) -> Value {
    let files = export_design(design, options, Format::CloudFormationJson).files;
    serde_json::from_str(&files[0].contents).unwrap()
}

/// A design with every character a TypeScript or Python literal, the CDK's token syntax aside,
/// could misread, in every text the stack carries.
fn escapes_design() -> Design {
    let nasty = "q\"b\\s${x}{y}}`t`'a'\r\n\u{2028}\u{2029}\u{202e}\u{feff}\u{7f}\u{85}é🚀#{z} \"\"\" //* */ # %s {0}";
    let mut d = preset("blue-green").unwrap();
    d.name = format!("n {nasty}");
    let n = &mut d.rules[0].notification;
    // In `Fn::Sub` text the CDK's token syntax is escaped (`${!Token[…`) and passes.
    n.title = format!("t {nasty} ${{Token[TOKEN.1]}}");
    n.description = format!("{nasty} <deploymentId>");
    n.next_steps.push(nasty.into());
    n.keywords.push(nasty.chars().take(20).collect());
    d.rules[0].description = nasty.chars().filter(|c| !c.is_control()).collect();
    d.rules[0].event_pattern["detail"]["deploymentGroup"] = serde_json::json!([nasty]);
    d.actions[0].button_text = "🚀 go `now` ${x}".into();
    d.actions[1].name = "1ab".into();
    d.actions[2].name = "-9".into();
    d
}

/// Every golden case and a few hostile designs, as apps of `format`.
fn apps(format: Format) -> Vec<App> {
    let mut out: Vec<App> = CASES
        .iter()
        .map(|case| {
            let dir = case.golden_dir(format);
            let files = case
                .export(format)
                .files
                .into_iter()
                .map(|f| {
                    let golden = std::fs::read_to_string(dir.join(&f.name))
                        .unwrap_or_else(|e| panic!("{}/{}: {e}", dir.display(), f.name));
                    (f.name, golden)
                })
                .collect();
            App {
                name: case.dir.to_string(),
                files,
                expected: cfn_json(&case.design(), &case.options()),
            }
        })
        .collect();
    let mut designs = vec![escapes_design()];
    designs.extend(hostile::designs(4));
    for (i, d) in designs.iter().enumerate() {
        let options = ExportOptions::default();
        let export = export_design(d, &options, format);
        assert!(
            !export
                .notes
                .iter()
                .any(|n| n.contains("does not pass through")),
            "hostile design {i} holds CDK token syntax"
        );
        out.push(App {
            name: format!("hostile-{i}"),
            files: export
                .files
                .into_iter()
                .map(|f| (f.name, f.contents))
                .collect(),
            expected: cfn_json(d, &options),
        });
    }
    out
}

fn write_apps(root: &Path, apps: &[App]) {
    let _ = std::fs::remove_dir_all(root);
    for app in apps {
        for (name, contents) in &app.files {
            let path = root.join(&app.name).join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
    }
}

/// The synthesized template of an app (its only stack).
fn synthesized(root: &Path, app: &App) -> (PathBuf, Value) {
    let out = root.join(&app.name).join("cdk.out");
    let template = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{}: nothing synthesized ({e})", app.name))
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".template.json"))
        .unwrap_or_else(|| panic!("{}: no template in {}", app.name, out.display()));
    let text = std::fs::read_to_string(&template).unwrap();
    (template, serde_json::from_str(&text).unwrap())
}

/// The template without what the CDK adds to every stack.
fn without_cdk_additions(mut t: Value) -> Value {
    let top = t.as_object_mut().unwrap();
    if let Some(Value::Object(params)) = top.get_mut("Parameters") {
        params.remove("BootstrapVersion");
        if params.is_empty() {
            top.remove("Parameters");
        }
    }
    if let Some(Value::Object(rules)) = top.get_mut("Rules") {
        rules.remove("CheckBootstrapVersion");
        if rules.is_empty() {
            top.remove("Rules");
        }
    }
    if let Some(Value::Object(conditions)) = top.get_mut("Conditions") {
        conditions.remove("CDKMetadataAvailable");
        if conditions.is_empty() {
            top.remove("Conditions");
        }
    }
    if let Some(Value::Object(resources)) = top.get_mut("Resources") {
        resources.remove("CDKMetadata");
        for r in resources.values_mut() {
            let r = r.as_object_mut().unwrap();
            if let Some(Value::Object(m)) = r.get_mut("Metadata") {
                m.remove("aws:cdk:path");
                if m.is_empty() {
                    r.remove("Metadata");
                }
            }
        }
    }
    t
}

/// Each app's template equal to the CloudFormation export; the goldens' lint-clean and
/// checkov-clean as well. (The CDK writes DEL and C1 controls raw, and cfn-lint reads JSON with a
/// YAML reader that refuses them: the hostile designs' templates are checked by equality with the
/// CloudFormation export, which escapes them and passes cfn-lint.)
fn check_templates(root: &Path, apps: &[App]) {
    let templates: Vec<(PathBuf, Value)> = apps.iter().map(|a| synthesized(root, a)).collect();
    let files: Vec<PathBuf> = apps
        .iter()
        .zip(&templates)
        .filter(|(a, _)| !a.name.starts_with("hostile"))
        .map(|(_, (p, _))| p.clone())
        .collect();
    assert_eq!(files.len(), CASES.len());
    let (code, out) = cfn_lint(&files);
    assert_eq!(code, 0, "cfn-lint on the synthesized templates:\n{out}");
    // checkov reads the synthesized templates of the goldens (one folder, one run).
    let lint_dir = root.join("templates");
    std::fs::create_dir_all(&lint_dir).unwrap();
    for (app, (path, _)) in apps.iter().zip(&templates) {
        if !app.name.starts_with("hostile") {
            std::fs::copy(path, lint_dir.join(format!("{}.template.json", app.name))).unwrap();
        }
    }
    assert_eq!(checkov(&lint_dir, &["cloudformation"]), ["cloudformation"]);
    for (app, (path, template)) in apps.iter().zip(templates) {
        let got = without_cdk_additions(template);
        assert!(
            got == app.expected,
            "{}: the synthesized template ({}) differs from the CloudFormation export:\n{}",
            app.name,
            path.display(),
            first_difference(&got, &app.expected, "")
        );
    }
}

/// Where two JSON values first differ, as a path and both sides.
fn first_difference(a: &Value, b: &Value, at: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                if x.get(k) != y.get(k) {
                    return match (x.get(k), y.get(k)) {
                        (Some(p), Some(q)) => first_difference(p, q, &format!("{at}/{k}")),
                        (p, q) => format!("{at}/{k}: synthesized {p:?}, exported {q:?}"),
                    };
                }
            }
            String::new()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (p, q))| p != q)
            .map(|(i, (p, q))| first_difference(p, q, &format!("{at}/{i}")))
            .unwrap_or_default(),
        _ => format!("{at}: synthesized {a}, exported {b}"),
    }
}

fn node_modules() -> PathBuf {
    tools_dir().join("cdk/node_modules")
}

fn cdk_python() -> PathBuf {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-cdk/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run make export-check, which installs aws-cdk-lib for Python",
        python.display()
    );
    python
}

/// The scratch folder of one language's apps.
fn scratch(format: Format) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format_dir(format))
}

#[test]
fn the_apps_pin_what_the_checks_install() {
    let case = &CASES[0];
    let ts = case.export(Format::CdkTypeScript);
    let package: Value = serde_json::from_str(
        &ts.files
            .iter()
            .find(|f| f.name == "package.json")
            .unwrap()
            .contents,
    )
    .unwrap();
    let installed: Value = serde_json::from_str(
        &std::fs::read_to_string(tools_dir().join("cdk/package.json")).unwrap(),
    )
    .unwrap();
    for key in ["dependencies", "devDependencies"] {
        assert_eq!(package[key], installed[key], "{key}");
    }
    let py = case.export(Format::CdkPython);
    let requirements = &py
        .files
        .iter()
        .find(|f| f.name == "requirements.txt")
        .unwrap()
        .contents;
    assert_eq!(
        requirements,
        &std::fs::read_to_string(tools_dir().join("cdk/requirements.txt")).unwrap()
    );
    assert!(requirements.contains(cdk::AWS_CDK_LIB));
}

#[test]
fn typescript_apps_type_check_and_synthesize_to_the_cloudformation_export() {
    let format = Format::CdkTypeScript;
    let root = scratch(format);
    let apps = apps(format);
    write_apps(&root, &apps);
    // One compiler run over every app, with the apps' own compiler options (the same file in each).
    let tsconfig = &apps[0]
        .files
        .iter()
        .find(|(n, _)| n == "tsconfig.json")
        .unwrap()
        .1;
    for app in &apps {
        assert!(app
            .files
            .iter()
            .any(|(n, c)| n == "tsconfig.json" && c == tsconfig));
        std::os::unix::fs::symlink(node_modules(), root.join(&app.name).join("node_modules"))
            .unwrap();
    }
    std::os::unix::fs::symlink(node_modules(), root.join("node_modules")).unwrap();
    let include: Vec<String> = apps
        .iter()
        .flat_map(|a| {
            [
                format!("{}/bin/*.ts", a.name),
                format!("{}/lib/*.ts", a.name),
            ]
        })
        .collect();
    let all = serde_json::json!({
        "extends": format!("./{}/tsconfig.json", apps[0].name),
        "compilerOptions": {
            "outDir": "out", "rootDir": ".", "declaration": false,
            "inlineSourceMap": false, "inlineSources": false,
            "typeRoots": ["./node_modules/@types"]
        },
        "include": include,
    });
    std::fs::write(root.join("tsconfig.json"), all.to_string()).unwrap();
    let tsc = node_modules().join(".bin/tsc");
    let (code, out) = run(Command::new(&tsc).args(["-p", "."]).current_dir(&root));
    assert_eq!(code, 0, "tsc (strict) on the TypeScript apps:\n{out}");
    // Every app in one Node process: each `new App()` reads CDK_OUTDIR when it is made.
    let driver = "const path = require('path');\n\
        const failed = [];\n\
        for (const name of process.argv.slice(2)) {\n\
          process.env.CDK_OUTDIR = path.resolve(name, 'cdk.out');\n\
          try { require(path.resolve('out', name, 'bin', 'app.js')); }\n\
          catch (e) { failed.push(name + ': ' + (e && e.stack || e)); }\n\
        }\n\
        if (failed.length) { console.error(failed.join('\\n')); process.exit(1); }\n";
    std::fs::write(root.join("synth.js"), driver).unwrap();
    let (code, out) = run(Command::new(which("node"))
        .arg("synth.js")
        .args(apps.iter().map(|a| &a.name))
        .current_dir(&root));
    assert_eq!(code, 0, "synthesizing the TypeScript apps:\n{out}");
    check_templates(&root, &apps);
}

#[test]
fn python_apps_synthesize_to_the_cloudformation_export() {
    let format = Format::CdkPython;
    let root = scratch(format);
    let apps = apps(format);
    write_apps(&root, &apps);
    // Every app in one Python process (one jsii runtime): each app's folder on the path while it
    // runs, its modules forgotten after (the apps of one preset share a module name). The runtime
    // (Node) keeps the environment it started with, so each `App()` is given its CDK_OUTDIR.
    let driver = "import os, runpy, sys, traceback\n\
        import aws_cdk\n\
        made = aws_cdk.App\n\
        aws_cdk.App = lambda **kw: made(outdir=os.environ['CDK_OUTDIR'], **kw)\n\
        failed = []\n\
        for name in sys.argv[1:]:\n\
        \x20   folder = os.path.abspath(name)\n\
        \x20   os.environ['CDK_OUTDIR'] = os.path.join(folder, 'cdk.out')\n\
        \x20   sys.path.insert(0, folder)\n\
        \x20   try:\n\
        \x20       runpy.run_path(os.path.join(folder, 'app.py'), run_name='__main__')\n\
        \x20   except Exception:\n\
        \x20       failed.append(name + ': ' + traceback.format_exc())\n\
        \x20   sys.path.remove(folder)\n\
        \x20   for m in [m for m, mod in sys.modules.items() if (getattr(mod, '__file__', None) or '').startswith(folder)]:\n\
        \x20       del sys.modules[m]\n\
        if failed:\n\
        \x20   sys.exit('\\n'.join(failed))\n";
    std::fs::write(root.join("synth.py"), driver).unwrap();
    let (code, out) = run(Command::new(cdk_python())
        .arg("synth.py")
        .args(apps.iter().map(|a| &a.name))
        .env("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
        .current_dir(&root));
    assert_eq!(code, 0, "synthesizing the Python apps:\n{out}");
    check_templates(&root, &apps);
}
