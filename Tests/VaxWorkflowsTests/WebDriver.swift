import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal W3C WebDriver client over HTTP (no third-party packages): starts
/// chromedriver on a free port, opens one headless Chromium session, and stops both in
/// `close()` (callers `defer` it, so they stop even when a test fails).
final class WebDriver {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    /// Whether Chromium and chromedriver are installed.
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: chromedriver)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var pid: pid_t = 0
    private let port: Int
    private(set) var session = ""
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Starts chromedriver and a headless Chromium that downloads into `downloads`.
    init(profile: String, downloads: String) throws {
        let port = try Self.freePort()
        self.port = port
        pid = try Self.spawn(Self.chromedriver, ["--port=\(port)"])
        trace("chromedriver started on \(port)")
        var ready = false
        for _ in 0..<100 {
            let answer: Any?
            do { answer = try request("GET", "/status", nil) } catch { trace("status: \(error)"); answer = nil }
            if let status = answer as? [String: Any],
                (status["value"] as? [String: Any])?["ready"] as? Bool == true
            {
                ready = true
                break
            }
            usleep(100_000)
        }
        guard ready else {
            stopDriver()
            throw Failure(description: "chromedriver did not start on port \(port)")
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": Self.chromium,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--user-data-dir=\(profile)", "--window-size=1280,900"],
                        "prefs": ["download.default_directory": downloads, "download.prompt_for_download": false],
                    ],
                ]
            ]
        ]
        do {
            let answer = try request("POST", "/session", capabilities) as? [String: Any]
            guard let id = (answer?["value"] as? [String: Any])?["sessionId"] as? String else {
                throw Failure(description: "no session: \(String(describing: answer))")
            }
            session = id
        } catch {
            stopDriver()
            throw error
        }
    }

    /// Ends the session (Chromium quits) and stops chromedriver.
    func close() {
        if !session.isEmpty { _ = try? request("DELETE", "/session/\(session)", nil) }
        session = ""
        stopDriver()
    }

    /// Stops chromedriver and whatever it started (Chromium and its helpers, all in
    /// chromedriver's own process group): SIGTERM, then SIGKILL after two seconds; reaps it.
    /// The group is killed too, so a browser whose session could not be ended does not outlive
    /// the test.
    private func stopDriver() {
        guard pid > 0 else { return }
        kill(-pid, SIGTERM)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<20 {
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                return
            }
            usleep(100_000)
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        pid = 0
    }

    /// The pids of live processes whose command line mentions `text` (a test's profile
    /// folder), for checking that nothing of a browser is left running.
    static func processes(mentioning text: String) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> Int32? in
            guard let pid = Int32(name), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
                String(decoding: data, as: UTF8.self).contains(text)
            else { return nil }
            // A zombie (not yet reaped by its parent) is not running.
            let stat = (try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8)) ?? ""
            return stat.contains(") Z ") ? nil : pid
        }
    }

    /// Starts `path` with `arguments`, output to /dev/null, with no signal blocked (the test
    /// runner's threads block most signals, and a child would inherit that mask, which is
    /// why Foundation's Process is not used here).
    private static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // Its own process group (pgid = its pid), which Chromium joins: stopDriver kills the group.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw Failure(description: "cannot start \(path): error \(rc)") }
        return pid
    }

    deinit { close() }

    /// A port the kernel has just handed out, for chromedriver.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        defer { Glibc.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// One WebDriver request; returns the decoded JSON answer. A WebDriver error is thrown.
    @discardableResult
    func request(_ method: String, _ path: String, _ body: Any?) throws -> Any? {
        trace("\(method) \(path)")
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let data = try Self.exchange(port: port, method: method, path: path, body: payload)
        let json = data.isEmpty ? nil : try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        if let value = (json as? [String: Any])?["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        return json
    }

    /// One HTTP/1.1 exchange with chromedriver on 127.0.0.1: the response body.
    ///
    /// Not URLSession: swift-corelibs-foundation's URLSession fails every chromedriver answer
    /// with "Failed writing header", since chromedriver writes headers without a space after
    /// the colon (`Content-Length:251`). So this speaks the few lines of HTTP it needs on a
    /// socket: one request per connection, the body read up to its Content-Length.
    private static func exchange(port: Int, method: String, path: String, body: Data) throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        defer { Glibc.close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to chromedriver on port \(port)") }
        var request = Data(("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            + "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n"
            + "Connection: close\r\n\r\n").utf8)
        request.append(body)
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw Failure(description: "send to chromedriver failed") }
                sent += n
            }
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let separator = Data("\r\n\r\n".utf8)
        while true {
            if let head = response.range(of: separator) {
                let header = String(decoding: response[..<head.lowerBound], as: UTF8.self)
                let length = header.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first
                if let length, response.count - head.upperBound >= length {
                    return response.subdata(in: head.upperBound..<(head.upperBound + length))
                }
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0, let head = response.range(of: separator) { return response.subdata(in: head.upperBound..<response.count) }
            guard n > 0 else { throw Failure(description: "no answer from chromedriver to \(method) \(path)") }
            response.append(contentsOf: buffer[0..<n])
        }
    }

    /// Writes a line to standard error when VAX_WEBDRIVER_TRACE is set.
    private func trace(_ line: String) {
        if ProcessInfo.processInfo.environment["VAX_WEBDRIVER_TRACE"] != nil { FileHandle.standardError.write(Data("webdriver: \(line)\n".utf8)) }
    }

    private func value(_ answer: Any?) -> Any? { (answer as? [String: Any])?["value"] }

    func open(_ url: String) throws { try request("POST", "/session/\(session)/url", ["url": url]) }

    /// The element matching a CSS selector.
    func element(_ css: String) throws -> String {
        let answer = try request("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let id = (value(answer) as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "no element \(css)")
        }
        return id
    }

    func click(_ css: String) throws { try request("POST", "/session/\(session)/element/\(try element(css))/click", [String: Any]()) }

    /// Types `text` into the element.
    func type(_ css: String, _ text: String) throws {
        try request("POST", "/session/\(session)/element/\(try element(css))/value", ["text": text])
    }

    /// Presses and releases each key in turn, sent to whatever has the focus.
    func press(_ keys: String...) throws {
        var actions: [[String: Any]] = []
        for key in keys {
            actions.append(["type": "keyDown", "value": key])
            actions.append(["type": "keyUp", "value": key])
        }
        try request("POST", "/session/\(session)/actions",
                    ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    /// The visible text of the element.
    func text(_ css: String) throws -> String {
        value(try request("GET", "/session/\(session)/element/\(try element(css))/text", nil)) as? String ?? ""
    }

    /// The visible text of the element once it contains `expected`, or its last text after
    /// `seconds`. A page that has just been reloaded draws itself from localStorage in its
    /// load handler: on a loaded machine that may finish after the reload command returned.
    func text(_ css: String, once expected: String, seconds: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let current = (try? text(css)) ?? ""
            if current.contains(expected) || Date() > deadline { return current }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Runs `script` (a function body) in the page and returns its result. For reading only:
    /// the test decides through clicks and keys.
    func evaluate(_ script: String) throws -> Any? {
        value(try request("POST", "/session/\(session)/execute/sync", ["script": script, "args": [Any]()]))
    }

    /// The text of an open alert, or nil when none is open.
    func alertText() -> String? {
        guard let answer = try? request("GET", "/session/\(session)/alert/text", nil) else { return nil }
        return value(answer) as? String
    }
}
