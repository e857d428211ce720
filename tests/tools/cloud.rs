//! A local cloud for the exported scripts: moto's server (SNS, EventBridge, IAM, STS, SQS), the
//! chatbot stub and the TestEventPattern stub (moto's matcher) on loopback, the real AWS CLI, and `aws` on PATH replaced by a recorder that logs
//! every argument vector before running the real CLI.

use serde_json::Value;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn tools_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools")
}

/// A program on PATH, outside tests/tools (where the recorder lives).
pub fn which(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .filter(|d| d != &tools_dir())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("{name} is not on PATH: run make export-check, which installs it")
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub struct Cloud {
    pub dir: PathBuf,
    moto: Child,
    moto_port: u16,
    stub: Option<Child>,
    stub_port: u16,
    events: Child,
    events_port: u16,
    real_aws: PathBuf,
}

impl Cloud {
    /// Starts moto and the stub; `name` names the scratch folder under target/.
    pub fn start(name: &str) -> Cloud {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let moto_port = free_port();
        let moto = Command::new(which("moto_server"))
            .args(["-H", "127.0.0.1", "-p", &moto_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        wait_for(moto_port, "moto_server");
        let events_port = free_port();
        let events = Command::new(which("python3"))
            .arg(tools_dir().join("events_stub.py"))
            .arg(events_port.to_string())
            .arg(dir.join("events.jsonl"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the TestEventPattern stub starts");
        wait_for(events_port, "TestEventPattern stub");
        let mut cloud = Cloud {
            dir,
            moto,
            moto_port,
            stub: None,
            stub_port: 0,
            events,
            events_port,
            real_aws: which("aws"),
        };
        cloud.reset();
        cloud
    }

    /// Empties moto, restarts the stub, clears both records.
    pub fn reset(&mut self) {
        let out = Command::new("python3")
            .args([
                "-c",
                "import sys,urllib.request;urllib.request.urlopen(urllib.request.Request(sys.argv[1],method='POST'))",
                &format!("http://127.0.0.1:{}/moto-api/reset", self.moto_port),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(mut s) = self.stub.take() {
            let _ = s.kill();
            let _ = s.wait();
        }
        for f in ["argv.jsonl", "chatbot.jsonl"] {
            let _ = std::fs::remove_file(self.dir.join(f));
        }
        self.stub_port = free_port();
        self.stub = Some(
            Command::new("python3")
                .arg(tools_dir().join("chatbot_stub.py"))
                .arg(self.stub_port.to_string())
                .arg(self.dir.join("chatbot.jsonl"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("the chatbot stub starts"),
        );
        wait_for(self.stub_port, "chatbot stub");
    }

    fn env(&self, cmd: &mut Command) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![tools_dir()];
        paths.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(paths).unwrap())
            .env("REAL_AWS", &self.real_aws)
            .env("AWS_RECORD", self.dir.join("argv.jsonl"))
            .env(
                "AWS_ENDPOINT_URL",
                format!("http://127.0.0.1:{}", self.moto_port),
            )
            .env(
                "AWS_ENDPOINT_URL_CHATBOT",
                format!("http://127.0.0.1:{}", self.stub_port),
            )
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .current_dir(&self.dir);
    }

    /// Runs a script with bash in the scratch folder, `aws` recorded.
    pub fn run(&self, script: &Path, env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(script);
        self.env(&mut cmd);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    /// Runs a program in the scratch folder, `aws` recorded, with TestEventPattern answered by the
    /// stub (moto's server answers it with an empty body).
    pub fn run_asking_events(&self, program: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(program);
        cmd.args(args);
        self.env(&mut cmd);
        cmd.env(
            "AWS_ENDPOINT_URL_EVENTBRIDGE",
            format!("http://127.0.0.1:{}", self.events_port),
        );
        cmd.output().unwrap()
    }

    /// The real AWS CLI against the local cloud (not recorded), JSON output parsed.
    pub fn aws(&self, args: &[&str]) -> Value {
        let mut cmd = Command::new(&self.real_aws);
        let port = if args[0] == "chatbot" {
            self.stub_port
        } else {
            self.moto_port
        };
        cmd.args(args)
            .args(["--output", "json"])
            .args(["--endpoint-url", &format!("http://127.0.0.1:{port}")]);
        self.env(&mut cmd);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "aws {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if out.stdout.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(&out.stdout).unwrap()
        }
    }

    fn lines(&self, file: &str) -> Vec<Value> {
        std::fs::read_to_string(self.dir.join(file))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Every argument vector the scripts passed to `aws`, in order.
    pub fn argv(&self) -> Vec<Vec<String>> {
        self.lines("argv.jsonl")
            .into_iter()
            .map(|v| serde_json::from_value(v).unwrap())
            .collect()
    }

    /// Every request the chatbot stub received: (operation, body without the CLI's ClientToken).
    pub fn chatbot_requests(&self) -> Vec<(String, Value)> {
        self.lines("chatbot.jsonl")
            .into_iter()
            .map(|mut v| {
                if let Some(b) = v["body"].as_object_mut() {
                    b.remove("ClientToken");
                }
                (v["op"].as_str().unwrap().to_string(), v["body"].clone())
            })
            .collect()
    }
}

impl Drop for Cloud {
    fn drop(&mut self) {
        let _ = self.moto.kill();
        let _ = self.moto.wait();
        let _ = self.events.kill();
        let _ = self.events.wait();
        if let Some(mut s) = self.stub.take() {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}
