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
