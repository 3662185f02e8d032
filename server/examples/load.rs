//! A bounded load test of `POST /api/who` on loopback, with hot reloads under load.
//!
//! ```text
//! cargo run --release -p quanze-server --example load -- \
//!     [--path rules-examples/ningbo-construction-waste] [--seconds 10] [--connections 32] \
//!     [--reloads 20] [--server-threads 2] [--client-threads 2] [--queries 512] [--seed 1]
//! ```
//!
//! The rule set (a directory, searched recursively, or one `.qz` file) is copied to a temporary
//! directory and compiled once here to draw the questions: `--queries` `who` requests, with a
//! seeded generator, over (item, township) pairs where the item applies. Half come from the
//! delegations (a township the delegation reaches, a date inside its interval), half are an item
//! of the township's region or of the top level at any date from 2020 to 2025; one in eight asks
//! about a named part when the item has some. Only questions the rule set answers are kept.
//!
//! The server runs in this process on its own runtime, the clients (keep-alive HTTP/1.1
//! connections, each sending one request at a time) on another, so both share the machine's
//! cores. During the run the first `.qz` file by path gets a different comment line and
//! `POST /api/reload` is called `--reloads` times at even intervals (or one after the other when
//! a reload takes longer than the interval); the clients go on past `--seconds` until the last
//! reload has answered, so every reload happens under load. No reload starts after three times
//! `--seconds`. The file is restored and the copy removed at the end. Every response must be 200 and name a rule set that was served;
//! every 64th body is parsed and its proof's receipt compared with the header. Prints
//! throughput and latency percentiles, and fails when any check failed.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use quanze_core::request::{self, Who};
use quanze_core::{Date, ItemId, PlaceId, PlaceLevel, RuleSet, Target};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error + Send + Sync>;
type Result<T, E = Error> = std::result::Result<T, E>;

const USAGE: &str = "usage: load [--path DIR|FILE.qz] [--seconds N] [--connections N] \
                     [--reloads N] [--server-threads N] [--client-threads N] [--queries N] \
                     [--seed N]";

struct Args {
    path: PathBuf,
    seconds: u64,
    connections: usize,
    reloads: usize,
    server_threads: usize,
    client_threads: usize,
    queries: usize,
    seed: u64,
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T> {
    value
        .parse()
        .map_err(|_| format!("{flag} takes a number, not `{value}`\n{USAGE}").into())
}

fn args() -> Result<Args> {
    let mut args = Args {
        path: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../rules-examples/ningbo-construction-waste"),
        seconds: 10,
        connections: 32,
        reloads: 20,
        server_threads: 2,
        client_threads: 2,
        queries: 512,
        seed: 1,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.into());
        }
        let value = given
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--path" => args.path = PathBuf::from(value),
            "--seconds" => args.seconds = number(&flag, &value)?,
            "--connections" => args.connections = number(&flag, &value)?,
            "--reloads" => args.reloads = number(&flag, &value)?,
            "--server-threads" => args.server_threads = number(&flag, &value)?,
            "--client-threads" => args.client_threads = number(&flag, &value)?,
            "--queries" => args.queries = number(&flag, &value)?,
            "--seed" => args.seed = number(&flag, &value)?,
            other => return Err(format!("unknown option `{other}`\n{USAGE}").into()),
        }
    }
    for (flag, value) in [
        ("--seconds", args.seconds as usize),
        ("--connections", args.connections),
        ("--server-threads", args.server_threads),
        ("--client-threads", args.client_threads),
        ("--queries", args.queries),
    ] {
        if value == 0 {
            return Err(format!("{flag} must be at least 1").into());
        }
    }
    Ok(args)
}

/// A temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies the `.qz` files of `from` (a directory, recursively, or one file) into a fresh
/// temporary directory.
fn copy_rules(from: &Path) -> Result<Scratch> {
    fn copy(from: &Path, to: &Path) -> Result<()> {
        std::fs::create_dir_all(to)?;
        for entry in
            std::fs::read_dir(from).map_err(|e| format!("cannot read `{}`: {e}", from.display()))?
        {
            let path = entry?.path();
            let Some(name) = path.file_name() else {
                continue;
            };
            let target = to.join(name);
            if path.is_dir() {
                copy(&path, &target)?;
            } else if path.extension().is_some_and(|e| e == "qz") {
                std::fs::copy(&path, target)
                    .map_err(|e| format!("cannot copy `{}`: {e}", path.display()))?;
            }
        }
        Ok(())
    }
    let scratch = Scratch(std::env::temp_dir().join(format!("quanze-load-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    if from.is_file() {
        let name = from
            .file_name()
            .filter(|_| from.extension().is_some_and(|e| e == "qz"))
            .ok_or_else(|| format!("`{}` is not a `.qz` file", from.display()))?;
        std::fs::create_dir_all(&scratch.0)?;
        std::fs::copy(from, scratch.0.join(name))
            .map_err(|e| format!("cannot copy `{}`: {e}", from.display()))?;
    } else if from.is_dir() {
        copy(from, &scratch.0)?;
    } else {
        return Err(format!("`{}` is neither a directory nor a file", from.display()).into());
    }
    Ok(scratch)
}

/// The first `.qz` file under `dir` by path, searching subdirectories too.
fn first_rule_file(dir: &Path) -> Result<Option<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if let Some(found) = first_rule_file(&path)? {
                return Ok(Some(found));
            }
        } else if path.extension().is_some_and(|e| e == "qz") {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// A rule file changed by the reloader, written back as it was when dropped.
struct Restore {
    path: PathBuf,
    original: String,
}

impl Restore {
    /// Writes the original text with one comment line that names the revision: valid rules,
    /// a new content hash for every revision, and a file that does not grow.
    fn revise(&self, revision: usize) -> std::io::Result<()> {
        let text = format!("{}\n// load revision {revision}\n", self.original);
        std::fs::write(&self.path, text)
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        if let Err(e) = std::fs::write(&self.path, &self.original) {
            eprintln!("cannot restore `{}`: {e}", self.path.display());
        }
    }
}

/// splitmix64: a small seeded generator, enough to draw questions reproducibly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> Option<&'a T> {
        from.get(self.below(from.len()))
    }
}

/// The questions drawn from a rule set, as request bodies.
struct Drawn {
    bodies: Vec<Bytes>,
    distinct: usize,
    delegated: usize,
    with_part: usize,
    townships: usize,
}

/// Draws `n` `who` questions the rule set answers: see the module documentation.
fn draw(rules: &RuleSet, n: usize, seed: u64) -> Result<Drawn> {
    let decls = rules.decls();
    let townships: Vec<PlaceId> = (0..decls.places.len())
        .map(PlaceId::from_index)
        .filter(|p| {
            rules
                .place(*p)
                .is_some_and(|p| p.level == PlaceLevel::Township)
        })
        .collect();
    if townships.is_empty() {
        return Err("the rule set declares no township to ask about".into());
    }
    let mut by_region: BTreeMap<Option<PlaceId>, Vec<ItemId>> = BTreeMap::new();
    for (i, item) in decls.items.iter().enumerate() {
        by_region
            .entry(item.region)
            .or_default()
            .push(ItemId::from_index(i));
    }
    let county = |t: PlaceId| rules.ancestor_at(t, PlaceLevel::County);
    let reached = |target: &Target| -> Vec<PlaceId> {
        townships
            .iter()
            .copied()
            .filter(|t| match target {
                Target::Township(p) => p == t,
                Target::Class { county: c, class } => {
                    county(*t) == Some(*c)
                        && rules.place(*t).is_some_and(|p| p.class == Some(*class))
                }
                Target::County(c) => county(*t) == Some(*c),
                Target::Group {
                    region,
                    class,
                    kinds,
                } => {
                    rules.ancestors(*t).any(|a| a == *region && a != *t)
                        && rules.place(*t).is_some_and(|p| {
                            class.is_none_or(|c| p.class == Some(c)) && kinds.selects(p.kind)
                        })
                }
            })
            .collect()
    };
    let first = Date::from_calendar_date(2020, time::Month::January, 1)?;
    let last = Date::from_calendar_date(2025, time::Month::December, 31)?;
    let span = usize::try_from(last.to_julian_day() - first.to_julian_day())?;
    let day = |offset: usize| -> Result<Date> {
        Ok(Date::from_julian_day(
            first.to_julian_day() + i32::try_from(offset)?,
        )?)
    };

    let mut rng = Rng(seed);
    let mut drawn = Drawn {
        bodies: Vec::with_capacity(n),
        distinct: 0,
        delegated: 0,
        with_part: 0,
        townships: townships.len(),
    };
    let mut seen = BTreeSet::new();
    let mut attempts = 0;
    while drawn.bodies.len() < n && attempts < n * 50 {
        attempts += 1;
        let from_delegation = (attempts & 1) == 0 && !decls.delegations.is_empty();
        let (item, township, date) = if from_delegation {
            let Some(d) = rng.pick(&decls.delegations) else {
                continue;
            };
            let Some(&township) = rng.pick(&reached(&d.target)) else {
                continue;
            };
            let length = match d.interval.until {
                Some(until) => {
                    usize::try_from(until.to_julian_day() - d.interval.since.to_julian_day())?
                }
                None => 3 * 365,
            };
            let date = d.interval.since + time::Duration::days(i64::try_from(rng.below(length))?);
            (d.item, township, date)
        } else {
            let Some(&township) = rng.pick(&townships) else {
                continue;
            };
            let mut items: Vec<ItemId> = Vec::new();
            for region in rules.ancestors(township).map(Some).chain([None]) {
                items.extend(by_region.get(&region).into_iter().flatten());
            }
            let Some(&item) = rng.pick(&items) else {
                continue;
            };
            (item, township, day(rng.below(span + 1))?)
        };
        let (Some(item_decl), Some(place)) = (rules.item(item), rules.place(township)) else {
            continue;
        };
        let part = match rng.below(8) {
            0 => rng.pick(&item_decl.parts).cloned(),
            _ => None,
        };
        let who = Who {
            item: item_decl.code.clone(),
            place: place.path.clone(),
            date: date.to_string(),
            part,
        };
        if request::answered(rules, &request::Request::Who(who.clone())).is_err() {
            continue;
        }
        drawn.delegated += usize::from(from_delegation);
        drawn.with_part += usize::from(who.part.is_some());
        let body = serde_json::to_vec(&who)?;
        if seen.insert(body.clone()) {
            drawn.distinct += 1;
        }
        drawn.bodies.push(Bytes::from(body));
    }
    if drawn.bodies.is_empty() {
        return Err(format!(
            "no `who` question drawn in {attempts} attempts was answered by the rule set"
        )
        .into());
    }
    Ok(drawn)
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connection(addr: SocketAddr) -> Result<Sender> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    Ok(sender)
}

fn post(path: &str, body: Bytes) -> Result<Request<Full<Bytes>>> {
    Ok(Request::post(path)
        .header("host", "127.0.0.1")
        .header("content-type", "application/json")
        .header("authorization", concat!("Bearer ", "load-token"))
        .body(Full::new(body))?)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted
        .get(rank.min(sorted.len() - 1))
        .map_or(0.0, |us| f64::from(*us) / 1000.0)
}

/// The user and system CPU time of this process so far, in seconds (Linux only).
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(11);
    let ticks = |f: Option<&str>| f.and_then(|f| f.parse::<f64>().ok()).map(|t| t / 100.0);
    Some((ticks(fields.next())?, ticks(fields.next())?))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// What one client connection saw.
struct Client {
    latencies: Vec<u32>,
    hashes: BTreeSet<String>,
    stopped: Instant,
}

/// Sends questions one at a time until `stop` says so; failures are counted in `errors`.
async fn client(
    addr: SocketAddr,
    queries: Arc<[Bytes]>,
    start: usize,
    errors: Arc<AtomicU64>,
    stop: impl Fn() -> bool,
) -> Client {
    let mut latencies = Vec::with_capacity(1 << 16);
    let mut hashes = BTreeSet::new();
    let mut sender = None;
    let mut n = start;
    while !stop() {
        let Some(s) = sender.as_mut() else {
            match connection(addr).await {
                Ok(s) => sender = Some(s),
                Err(e) => {
                    eprintln!("cannot connect: {e}");
                    errors.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
            continue;
        };
        let Some(body) = queries.get(n % queries.len()).cloned() else {
            break;
        };
        n += 1;
        let t = Instant::now();
        let response = match post("/api/who", body) {
            Ok(request) => s.send_request(request).await,
            Err(e) => {
                eprintln!("cannot build a request: {e}");
                errors.fetch_add(1, Ordering::Relaxed);
                break;
            }
        };
        let Ok(response) = response else {
            errors.fetch_add(1, Ordering::Relaxed);
            sender = None;
            continue;
        };
        let ok = response.status() == 200;
        let hash = response
            .headers()
            .get(quanze_server::CONTENT_HASH)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned);
        let bytes = response.into_body().collect().await.map(|b| b.to_bytes());
        latencies.push(u32::try_from(t.elapsed().as_micros()).unwrap_or(u32::MAX));
        let (Ok(bytes), true, Some(hash)) = (bytes, ok, hash) else {
            errors.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        if (n & 63) == 0 {
            let receipt = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| {
                    v.pointer("/proof/receipt/rule_set")
                        .and_then(|h| h.as_str().map(str::to_owned))
                });
            if receipt.as_deref() != Some(hash.as_str()) {
                errors.fetch_add(1, Ordering::Relaxed);
            }
        }
        hashes.insert(hash);
    }
    Client {
        latencies,
        hashes,
        stopped: Instant::now(),
    }
}

/// What the reloader did.
#[derive(Default)]
struct Reloads {
    /// Reloads answered 200 with a new rule set.
    swapped: usize,
    /// The content hashes they served.
    served: Vec<String>,
    /// When each swap was answered, and how long it took.
    done: Vec<(Instant, Duration)>,
    /// What went wrong with the others.
    failures: Vec<String>,
}

/// Changes the rule file and reloads, `count` times at even intervals through the run.
async fn reloader(
    addr: SocketAddr,
    file: &Restore,
    count: usize,
    started: Instant,
    duration: Duration,
    last_start: Instant,
) -> Result<Reloads> {
    let mut out = Reloads::default();
    let mut sender = connection(addr).await?;
    for i in 0..count {
        let at = started + duration.mul_f64((i + 1) as f64 / (count + 1) as f64);
        tokio::time::sleep_until(at.into()).await;
        if Instant::now() > last_start {
            out.failures.push(format!(
                "reloads {i} to {count}: not started, the run took too long"
            ));
            break;
        }
        file.revise(i)
            .map_err(|e| format!("cannot write `{}`: {e}", file.path.display()))?;
        let t = Instant::now();
        let response = sender
            .send_request(post("/api/reload", Bytes::from_static(b"{}"))?)
            .await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        let took = t.elapsed();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let hash = value.get("content_hash").and_then(|h| h.as_str());
        match (status.as_u16(), value.get("changed"), hash) {
            (200, Some(serde_json::Value::Bool(true)), Some(hash)) => {
                out.swapped += 1;
                out.served.push(hash.to_owned());
                out.done.push((Instant::now(), took));
            }
            _ => out.failures.push(format!(
                "reload {i}: {status} {}",
                String::from_utf8_lossy(&body)
            )),
        }
    }
    Ok(out)
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args = args()?;
    let load_before = load_average();
    let scratch = copy_rules(&args.path)?;
    let dir = scratch.0.clone();
    let Some(file) = first_rule_file(&dir)? else {
        return Err(format!("no `.qz` file under `{}`", args.path.display()).into());
    };
    let original = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read `{}`: {e}", file.display()))?;
    let file = Restore {
        path: file,
        original,
    };

    let compiling = Instant::now();
    let compiled = quanze_dsl::compile_path(&dir);
    let compile_ms = compiling.elapsed().as_secs_f64() * 1000.0;
    let Some(rules) = compiled.rules else {
        let errors = compiled.errors();
        return Err(format!(
            "`{}` has {} error(s):\n{}",
            args.path.display(),
            errors.len(),
            quanze_dsl::render::human(&errors, &compiled.sources, false)
        )
        .into());
    };
    let drawn = draw(&rules, args.queries, args.seed)?;
    let queries: Arc<[Bytes]> = drawn.bodies.into();

    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.server_threads)
        .enable_all()
        .build()?;
    let mut config = quanze_server::Config::new(&dir);
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    // `/api/reload` answers only a server with a token.
    config.token = Some("load-token".to_owned());
    let server = server_rt.block_on(quanze_server::start(config))?;
    let addr = server.addr();
    let initial = server.shared().rules().content_hash().to_owned();
    if initial != rules.content_hash() {
        return Err(format!(
            "the server serves {initial}, the questions were drawn from {}",
            rules.content_hash()
        )
        .into());
    }
    drop(rules);

    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads)
        .enable_all()
        .build()?;
    let errors = Arc::new(AtomicU64::new(0));
    let reloads_over = Arc::new(AtomicBool::new(args.reloads == 0));
    let duration = Duration::from_secs(args.seconds);
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let deadline = started + duration;
    // No reload starts after this; the clients stop when the last one has answered.
    let last_start = deadline + duration * 2;
    let (clients, reloads) = client_rt.block_on(async {
        let mut tasks = Vec::new();
        for c in 0..args.connections {
            let stop = {
                let over = Arc::clone(&reloads_over);
                move || Instant::now() >= deadline && over.load(Ordering::Relaxed)
            };
            let start = c * queries.len() / args.connections;
            tasks.push(tokio::spawn(client(
                addr,
                Arc::clone(&queries),
                start,
                Arc::clone(&errors),
                stop,
            )));
        }
        let reloads = reloader(addr, &file, args.reloads, started, duration, last_start).await;
        reloads_over.store(true, Ordering::Relaxed);
        let mut clients = Vec::new();
        for task in tasks {
            clients.push(task.await?);
        }
        Ok::<_, Error>((clients, reloads))
    })?;
    let stopped = clients.iter().map(|c| c.stopped).max().unwrap_or(started);
    let elapsed = stopped.duration_since(started).as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|((user, system), (user0, system0))| (user - user0, system - system0));
    let load_after = load_average();
    server_rt.block_on(server.shutdown())?;
    drop(file);
    drop(scratch);
    let reloads = reloads?;

    let mut sorted: Vec<u32> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in clients {
        sorted.extend(c.latencies);
        seen.extend(c.hashes);
    }
    sorted.sort_unstable();
    let unknown = seen
        .iter()
        .filter(|h| **h != initial && !reloads.served.contains(h))
        .count();
    let under_load = reloads.done.iter().filter(|(at, _)| *at <= stopped).count();
    let mut reload_ms: Vec<f64> = reloads
        .done
        .iter()
        .map(|(_, took)| took.as_secs_f64() * 1000.0)
        .collect();
    reload_ms.sort_by(f64::total_cmp);
    let errors = errors.load(Ordering::Relaxed) + unknown as u64;

    println!(
        "path: {} (compiled in {compile_ms:.0} ms)",
        args.path.display()
    );
    println!(
        "queries: {} drawn with seed {} ({} distinct, {} from delegations, {} with a part) over {} townships",
        queries.len(),
        args.seed,
        drawn.distinct,
        drawn.delegated,
        drawn.with_part,
        drawn.townships
    );
    println!(
        "connections: {}, server threads: {}, client threads: {}, cores: {}",
        args.connections,
        args.server_threads,
        args.client_threads,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("load average: before {load_before}; after {load_after}");
    println!("requests: {} in {elapsed:.1} s", sorted.len());
    println!(
        "throughput: {:.0} requests/s",
        sorted.len() as f64 / elapsed
    );
    println!(
        "latency ms: p50 {:.3}, p90 {:.3}, p99 {:.3}, max {:.3}",
        percentile(&sorted, 0.50),
        percentile(&sorted, 0.90),
        percentile(&sorted, 0.99),
        percentile(&sorted, 1.0)
    );
    if let Some((user, system)) = cpu {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        println!(
            "cpu: {user:.1} s user + {system:.1} s system ({:.0}% of {cores} cores), {:.0} µs per request",
            100.0 * (user + system) / elapsed / cores,
            1e6 * (user + system) / sorted.len().max(1) as f64
        );
    }
    println!(
        "reloads: {} swapped of {}, {under_load} while the clients ran; reload ms: median {:.0}, max {:.0}",
        reloads.swapped,
        args.reloads,
        reload_ms.get(reload_ms.len() / 2).copied().unwrap_or(0.0),
        reload_ms.last().copied().unwrap_or(0.0),
    );
    println!("errors: {errors}; rule sets answered from: {}", seen.len());
    for failure in &reloads.failures {
        eprintln!("{failure}");
    }
    if errors > 0 || reloads.swapped != args.reloads || under_load != args.reloads {
        return Err("the load test failed: see the errors and reloads above".into());
    }
    Ok(())
}
