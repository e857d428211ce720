//! A local cloud for the exported scripts: moto's server (SNS, EventBridge, IAM, STS, SQS), the
//! chatbot stub and the TestEventPattern stub (moto's matcher) on loopback, the real AWS CLI, and
//! `aws` on PATH replaced by a recorder that logs every argument vector before running the real
//! CLI. The real CLI runs in one process per cloud (`aws_server.py`, the CLI's own driver), so
//! its imports are paid once rather than once per command.

use serde_json::{json, Value};
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
    /// The AWS CLI in one process (aws_server.py), and its socket.
    aws_server: Child,
    aws_socket: PathBuf,
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
        let real_aws = which("aws");
        // A short path: a Unix socket's is at most 107 bytes, wherever the clone is.
        let aws_socket =
            std::env::temp_dir().join(format!("chatops-aws-{}-{name}.sock", std::process::id()));
        // The AWS CLI's own interpreter (its script's directory holds it).
        let aws_server = Command::new(real_aws.with_file_name("python3"))
            .arg(tools_dir().join("aws_server.py"))
            .arg(&aws_socket)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the AWS CLI server starts");
        for _ in 0..300 {
            if std::os::unix::net::UnixStream::connect(&aws_socket).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let mut cloud = Cloud {
            dir,
            moto,
            moto_port,
            stub: None,
            stub_port: 0,
            events,
            events_port,
            real_aws,
            aws_server,
            aws_socket,
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
            .env("AWS_SERVER", &self.aws_socket)
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

    /// The real AWS CLI against the local cloud (not recorded), JSON output parsed: run by the
    /// cloud's AWS CLI process, in the environment and folder its scripts run in.
    pub fn aws(&self, args: &[&str]) -> Value {
        let port = if args[0] == "chatbot" {
            self.stub_port
        } else {
            self.moto_port
        };
        let endpoint = format!("http://127.0.0.1:{port}");
        let mut argv: Vec<&str> = args.to_vec();
        argv.extend(["--output", "json", "--endpoint-url", &endpoint]);
        let mut cmd = Command::new(&self.real_aws);
        self.env(&mut cmd);
        let mut env: std::collections::BTreeMap<String, String> = std::env::vars().collect();
        for (k, v) in cmd.get_envs() {
            let k = k.to_string_lossy().into_owned();
            match v {
                Some(v) => env.insert(k, v.to_string_lossy().into_owned()),
                None => env.remove(&k),
            };
        }
        let request = json!({"argv": argv, "env": env, "cwd": self.dir});
        let mut stream = std::os::unix::net::UnixStream::connect(&self.aws_socket)
            .expect("the AWS CLI server answers");
        use std::io::{BufRead, Write};
        writeln!(stream, "{request}").unwrap();
        let mut line = String::new();
        std::io::BufReader::new(stream)
            .read_line(&mut line)
            .unwrap();
        let answer: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(answer["code"], 0, "aws {args:?}: {}", answer["err"]);
        let out = answer["out"].as_str().unwrap_or_default();
        if out.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(out).unwrap()
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
        let _ = self.aws_server.kill();
        let _ = self.aws_server.wait();
        let _ = std::fs::remove_file(&self.aws_socket);
        let _ = self.events.kill();
        let _ = self.events.wait();
        if let Some(mut s) = self.stub.take() {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}
