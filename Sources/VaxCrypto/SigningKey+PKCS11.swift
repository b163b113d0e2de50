internal import CCrypto
internal import VaxCore

// Passport signing keys kept in a hardware security module, addressed by a PKCS#11 URI
// (RFC 7512): "pkcs11:token=DSC;object=passport-es256?pin-value=1234". libcrypto reaches the
// module through OpenSSL's pkcs11 engine (libp11), loaded by the "dynamic" engine:
//
//   ENGINE_by_id("dynamic"); SO_PATH = the engine's .so; ID = pkcs11; LIST_ADD = 1; LOAD;
//   MODULE_PATH = the PKCS#11 module (.so of the HSM vendor; SoftHSM's for tests);
//   PIN (if not in the URI); ENGINE_init; ENGINE_load_private_key(uri)
//
// The EVP_PKEY it returns signs through the module (the private key never leaves it) with the
// same EVP_DigestSign calls as a PEM key, so ES256 and PS256 need no other code.

/// Where the PKCS#11 pieces are; the defaults are Debian 12's paths.
public struct PKCS11Setup: Sendable, Equatable {
    /// The pkcs11 engine (libengine-pkcs11-openssl).
    public var enginePath: String
    /// The PKCS#11 module of the HSM.
    public var modulePath: String
    /// The user PIN when the URI has no pin-value.
    public var pin: String?

    /// The pkcs11 engine of Debian 12's libengine-pkcs11-openssl.
    public static let defaultEnginePath = "/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so"
    /// SoftHSM 2's module (Debian's softhsm2).
    public static let defaultModulePath = "/usr/lib/softhsm/libsofthsm2.so"

    /// A setup from the environment: VAXLINK_PKCS11_ENGINE, VAXLINK_PKCS11_MODULE and
    /// VAXLINK_PKCS11_PIN, each falling back to the default (no PIN).
    public init(environment: [String: String]) {
        enginePath = environment["VAXLINK_PKCS11_ENGINE"] ?? Self.defaultEnginePath
        modulePath = environment["VAXLINK_PKCS11_MODULE"] ?? Self.defaultModulePath
        pin = environment["VAXLINK_PKCS11_PIN"]
    }

    /// A setup naming each piece.
    public init(enginePath: String = defaultEnginePath, modulePath: String = defaultModulePath, pin: String? = nil) {
        self.enginePath = enginePath
        self.modulePath = modulePath
        self.pin = pin
    }
}

/// One loaded and initialized pkcs11 engine per engine and module path, kept for the life
/// of the process: a second dynamic load under the same ID is refused, and a PKCS#11 module
/// is initialized once per process (C_Initialize).
/// `@unchecked Sendable`: the handle is only used by libcrypto calls that lock internally
/// (ENGINE functions take the engine lock; libp11 locks each slot); `loaded` is under `lock`.
final class PKCS11Engine: @unchecked Sendable {
    let engine: OpaquePointer
    private static let lock = Lock()
    nonisolated(unsafe) private static var loaded: [String: PKCS11Engine] = [:]

    /// The engine for `setup`'s paths, loaded on first use, with `setup`'s PIN set.
    /// - Throws: `.environment` naming the step that failed.
    static func shared(_ setup: PKCS11Setup) throws -> PKCS11Engine {
        try lock.withLock {
            let name = setup.enginePath + "\u{0}" + setup.modulePath
            let engine =
                try loaded[name]
                ?? PKCS11Engine(
                    setup: PKCS11Setup(
                        enginePath: setup.enginePath,
                        modulePath: setup.modulePath))
            loaded[name] = engine
            if let pin = setup.pin, ENGINE_ctrl_cmd_string(engine.engine, "PIN", pin, 0) != 1 {
                ERR_clear_error()
                throw VaxError(.environment, "the pkcs11 engine refused the PIN")
            }
            return engine
        }
    }

    /// Loads the engine. C: `ENGINE_by_id`, `ENGINE_ctrl_cmd_string`, `ENGINE_init`.
    /// - Throws: `.environment` naming the step that failed.
    init(setup: PKCS11Setup) throws {
        guard let engine = ENGINE_by_id("dynamic") else {
            ERR_clear_error()
            throw VaxError(.environment, "libcrypto has no dynamic engine loader")
        }
        var commands: [(String, String?)] = [
            ("SO_PATH", setup.enginePath), ("ID", "pkcs11"), ("LIST_ADD", "1"), ("LOAD", nil),
            ("MODULE_PATH", setup.modulePath),
        ]
        if let pin = setup.pin { commands.append(("PIN", pin)) }
        for (name, argument) in commands where ENGINE_ctrl_cmd_string(engine, name, argument, 0) != 1 {
            ERR_clear_error()
            ENGINE_free(engine)
            let what =
                name == "SO_PATH" || name == "LOAD"
                ? " (is libengine-pkcs11-openssl installed at \(setup.enginePath)?)"
                : name == "MODULE_PATH" ? " (no PKCS#11 module at \(setup.modulePath)?)" : ""
            throw VaxError(.environment, "the pkcs11 engine refused \(name)\(what)")
        }
        guard ENGINE_init(engine) == 1 else {
            ERR_clear_error()
            ENGINE_free(engine)
            throw VaxError(.environment, "the pkcs11 engine did not initialize the module \(setup.modulePath)")
        }
        self.engine = engine
    }

    deinit {
        ENGINE_finish(engine)
        ENGINE_free(engine)
    }
}

extension SigningKey {
    /// Whether `text` names a key in a PKCS#11 module rather than a file.
    public static func isPKCS11URI(_ text: String) -> Bool { text.hasPrefix("pkcs11:") }

    /// The private key named by a PKCS#11 URI, used through the pkcs11 engine.
    /// C: `ENGINE_load_private_key`.
    /// - Throws: `.environment` if the engine or module cannot be loaded; `.badInput` if the
    ///   token has no such key (or the PIN is wrong), or it is not RSA 2048+ or P-256.
    public convenience init(pkcs11URI uri: String, setup: PKCS11Setup) throws {
        let engine = try PKCS11Engine.shared(setup)
        guard let key = ENGINE_load_private_key(engine.engine, uri, nil, nil) else {
            ERR_clear_error()
            throw VaxError(.badInput, "the PKCS#11 module has no private key for this URI, or the PIN is wrong")
        }
        try self.init(owning: key, engine: engine)
    }

    /// Whether the private key lives in a hardware module (it cannot be exported).
    public var isHardwareKey: Bool { engine != nil }
}
