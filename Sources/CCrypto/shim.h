// Hide deprecated OpenSSL declarations (SHA256_Init and friends).
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rand.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/objects.h>

// SHA-256's low-level calls, hidden by OPENSSL_NO_DEPRECATED but exported by libcrypto 3
// (same SHA-NI code as EVP). EVP_DigestInit_ex frees and reallocates the provider's context
// on every message, about a third of the cost of hashing a ledger entry. The context is
// SHA256_CTX of openssl/sha.h (SHA_LONG h[8], Nl, Nh, data[16]; unsigned num, md_len).
typedef struct vax_sha256_ctx {
    unsigned int h[8];
    unsigned int Nl, Nh;
    unsigned int data[16];
    unsigned int num, md_len;
} vax_sha256_ctx;
int SHA256_Init(vax_sha256_ctx *c);
int SHA256_Update(vax_sha256_ctx *c, const void *data, size_t len);
int SHA256_Final(unsigned char *md, vax_sha256_ctx *c);

// OPENSSL_sk_num / OPENSSL_sk_value take an OPENSSL_STACK *, which Swift cannot form from
// the typed stacks that X509_get_ext_d2i returns: these accept the untyped pointer.
static inline int vax_stack_count(void *stack) {
    return OPENSSL_sk_num((const OPENSSL_STACK *)stack);
}
static inline const ASN1_OBJECT *vax_stack_object(void *stack, int index) {
    return (const ASN1_OBJECT *)OPENSSL_sk_value((const OPENSSL_STACK *)stack, index);
}
static inline void vax_free_object_stack(void *stack) {
    sk_ASN1_OBJECT_pop_free((STACK_OF(ASN1_OBJECT) *)stack, ASN1_OBJECT_free);
}

// The ENGINE API, for PKCS#11 keys through OpenSSL's pkcs11 engine (libp11's
// libengine-pkcs11-openssl; Debian 12 packages no pkcs11-provider). OpenSSL 3 still exports
// these functions but marks them deprecated, so OPENSSL_NO_DEPRECATED above hides
// openssl/engine.h's declarations; these match them (ENGINE and UI_METHOD come from
// openssl/types.h).
ENGINE *ENGINE_by_id(const char *id);
int ENGINE_ctrl_cmd_string(ENGINE *e, const char *cmd_name, const char *arg, int cmd_optional);
int ENGINE_init(ENGINE *e);
int ENGINE_finish(ENGINE *e);
int ENGINE_free(ENGINE *e);
EVP_PKEY *ENGINE_load_private_key(ENGINE *e, const char *key_id, UI_METHOD *ui_method, void *callback_data);
