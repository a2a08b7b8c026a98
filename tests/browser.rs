//! The HTML view end to end: `relgraph render -o graph.html`, opened in headless Chromium and
//! driven over the DevTools protocol (a real mouse click on a node of the diagram), with a
//! screenshot. Needs `chromium` and Graphviz's `dot` (whose SVG carries the node titles the page
//! binds clicks to); .ci/run installs both when missing, and the test says so when it skips.

use crate::util::{build, relgraph_ok, repo};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tungstenite::{stream::MaybeTlsStream, Message, WebSocket};

/// A DevTools-protocol session on one page of a headless Chromium.
struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-port=0",
                "--window-size=1600,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let url = stderr
            .lines()
            .map_while(Result::ok)
            .find_map(|l| l.find("ws://").map(|i| l[i..].trim().to_string()))
            .expect("chromium prints its DevTools address");
        let (ws, _) = tungstenite::connect(url.as_str()).expect("DevTools connects");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        let mut b = Browser {
            child,
            ws,
            next: 0,
            session: None,
            _profile: profile,
        };
        let target =
            b.call("Target.createTarget", json!({"url": "about:blank"}))["targetId"].clone();
        let session = b.call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        )["sessionId"]
            .as_str()
            .unwrap()
            .to_string();
        b.session = Some(session);
        b.call("Page.enable", json!({}));
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1600, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        );
        b
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut msg = json!({"id": self.next, "method": method, "params": params});
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(Message::Text(msg.to_string())).unwrap();
        loop {
            if let Message::Text(t) = self.ws.read().expect("DevTools answers") {
                let v: Value = serde_json::from_str(&t).unwrap();
                if v["id"] == json!(self.next) {
                    assert!(v.get("error").is_none(), "{method}: {v}");
                    return v["result"].clone();
                }
            }
        }
    }

    fn open(&mut self, page: &Path) {
        self.call(
            "Page.navigate",
            json!({"url": format!("file://{}", page.display())}),
        );
        loop {
            if let Message::Text(t) = self.ws.read().expect("the page loads") {
                let v: Value = serde_json::from_str(&t).unwrap();
                if v["method"] == "Page.loadEventFired" {
                    return;
                }
            }
        }
    }

    fn eval(&mut self, expr: &str) -> Value {
        self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        )["result"]["value"]
            .clone()
    }

    /// A left click at the centre of the diagram node whose title is `id`, as a user makes it.
    fn click_node(&mut self, id: &str) {
        let at = self.eval(&format!(
            "(() => {{ const g = [...document.querySelectorAll('g.node')].find(g => g.querySelector('title').textContent === {id:?}); if (!g) return null; g.scrollIntoView({{block: 'center', inline: 'center'}}); const r = g.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (
            at[0].as_f64().expect("the node is drawn"),
            at[1].as_f64().unwrap(),
        );
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn screenshot(&mut self, to: &Path) {
        use base64::Engine;
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(to, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

#[test]
fn clicking_a_node_shows_its_evidence_and_hostile_names_stay_text() {
    let (Some(chromium), Some(_)) = (chromium(), relgraph::render::find_dot()) else {
        eprintln!("skipped: the HTML view test needs chromium and Graphviz's dot on PATH");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hostile =
        r#"Fenwick <img src=x onerror="window.pwned=1"><script>window.pwned=2</script> LP"#;
    let filing = std::fs::read_to_string(repo().join("tests/fixtures/llp_vs_lp_13g.txt"))
        .unwrap()
        .replace("Fenwick Row Partners LP", hostile);
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, filing).unwrap();
    let b = build(&[&path]);
    let page = dir.path().join("graph.html");
    relgraph_ok([
        "render".as_ref(),
        "--db".as_ref(),
        b.db.as_os_str(),
        "-o".as_ref(),
        page.as_os_str(),
    ]);

    let mut browser = Browser::launch(&chromium);
    browser.open(&page);
    browser.click_node("n-fenwick-row-investments-ltd");
    let panel = browser.eval("document.getElementById('panel').innerText");
    let panel = panel.as_str().unwrap_or_default();
    assert!(panel.starts_with("Fenwick Row Investments Ltd."), "{panel}");
    assert!(
        panel.contains("By: Fenwick Row Investment Management Limited, its investment manager"),
        "the evidence line is quoted: {panel}"
    );
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    browser.screenshot(&shots.join("html-view-click.png"));
    assert!(std::fs::read(shots.join("html-view-click.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));

    // the hostile name is shown as text, and none of its markup ran
    let id = browser.eval("data.nodes.find(n => n.name.includes('<script>')).id");
    browser.click_node(id.as_str().expect("the hostile entity is in the page"));
    let title = browser.eval("document.querySelector('#panel h2').textContent");
    assert!(title
        .as_str()
        .unwrap_or_default()
        .contains("<script>window.pwned=2</script>"));
    assert_eq!(browser.eval("typeof window.pwned"), json!("undefined"));
    assert_eq!(
        browser.eval("document.querySelectorAll('#panel img, #panel script').length"),
        json!(0)
    );
}
