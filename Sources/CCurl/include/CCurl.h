// libcurl's easy interface, loaded at run time with dlopen on first use, so that convene links no libcurl
// (and none of the ~30 libraries it brings) and only a command that fetches pays for loading it.
//
// Only this target and Sources/LiveCalendars/CurlEasy.swift may use it (LayeringTests). Swift cannot call
// C variadics, and calling curl_easy_setopt / curl_easy_getinfo through a non-variadic pointer is undefined
// behaviour: the wrappers below take one argument type each and make the variadic call in C.
//
// The types, option numbers, info numbers and error codes are declared here instead of including curl.h
// (there is no link-time or build-time dependency on libcurl). libcurl's ABI is stable (soname
// libcurl.so.4); every number was checked against curl.h of libcurl 7.88.1 (Debian 12,
// libcurl4-openssl-dev 7.88.1): CURLOPTTYPE_LONG 0, _OBJECTPOINT 10000, _FUNCTIONPOINT 20000,
// _OFF_T 30000; CURLINFO_STRING 0x100000, CURLINFO_LONG 0x200000.
#ifndef CCURL_H
#define CCURL_H

#include <stddef.h>
#include <stdint.h>

/// A libcurl easy handle (`CURL *`, a `void` typedef in curl.h).
typedef struct CCurlEasy CCurlEasy;
/// A libcurl string list (`struct curl_slist *`), for request headers.
typedef struct CCurlList CCurlList;

/// The write and header callbacks (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION): return
/// `size * count` to go on, anything else aborts the transfer with CURLE_WRITE_ERROR.
typedef size_t (*CCurlDataCallback)(char *data, size_t size, size_t count, void *context);

/// Options (CURLoption): the number is the option type's base plus the option's index in curl.h.
typedef enum CCurlOption {
    CCURLOPT_WRITEDATA = 10001,            // CBPOINT + 1
    CCURLOPT_URL = 10002,                  // STRINGPOINT + 2
    CCURLOPT_WRITEFUNCTION = 20011,        // FUNCTIONPOINT + 11
    CCURLOPT_HTTPHEADER = 10023,           // SLISTPOINT + 23
    CCURLOPT_HEADERDATA = 10029,           // CBPOINT + 29
    CCURLOPT_CUSTOMREQUEST = 10036,        // STRINGPOINT + 36
    CCURLOPT_NOBODY = 44,                  // LONG + 44
    CCURLOPT_NETRC = 51,                   // VALUES + 51 (0: CURL_NETRC_IGNORED)
    CCURLOPT_FOLLOWLOCATION = 52,          // LONG + 52
    CCURLOPT_HEADERFUNCTION = 20079,       // FUNCTIONPOINT + 79
    CCURLOPT_HTTPGET = 80,                 // LONG + 80
    CCURLOPT_NOSIGNAL = 99,                // LONG + 99
    CCURLOPT_ACCEPT_ENCODING = 10102,      // STRINGPOINT + 102
    CCURLOPT_POSTFIELDSIZE_LARGE = 30120,  // OFF_T + 120
    CCURLOPT_TIMEOUT_MS = 155,             // LONG + 155
    CCURLOPT_CONNECTTIMEOUT_MS = 156,      // LONG + 156
    CCURLOPT_COPYPOSTFIELDS = 10165,       // OBJECTPOINT + 165
    CCURLOPT_PROTOCOLS = 181,              // LONG + 181 (deprecated in 7.85, for older libcurl)
    CCURLOPT_REDIR_PROTOCOLS = 182,        // LONG + 182 (deprecated in 7.85, for older libcurl)
    CCURLOPT_PROTOCOLS_STR = 10318,        // STRINGPOINT + 318 (since 7.85)
    CCURLOPT_REDIR_PROTOCOLS_STR = 10319,  // STRINGPOINT + 319 (since 7.85)
} CCurlOption;

/// CURLPROTO_HTTP | CURLPROTO_HTTPS (1 << 0 | 1 << 1), for CCURLOPT_PROTOCOLS on libcurl before 7.85.
#define CCURL_PROTOCOLS_HTTP_HTTPS 3L

/// Information (CURLINFO): the type's base plus the index.
typedef enum CCurlInfo {
    CCURLINFO_RESPONSE_CODE = 0x200002,    // LONG + 2
    CCURLINFO_REDIRECT_URL = 0x10001F,     // STRING + 31
} CCurlInfo;

/// The error codes (CURLcode) convene tells apart; the rest are reported by number.
typedef enum CCurlCode {
    CCURLE_OK = 0,
    CCURLE_UNSUPPORTED_PROTOCOL = 1,
    CCURLE_URL_MALFORMAT = 3,
    CCURLE_COULDNT_RESOLVE_PROXY = 5,
    CCURLE_COULDNT_RESOLVE_HOST = 6,
    CCURLE_COULDNT_CONNECT = 7,
    CCURLE_PARTIAL_FILE = 18,
    CCURLE_WRITE_ERROR = 23,
    CCURLE_OUT_OF_MEMORY = 27,
    CCURLE_OPERATION_TIMEDOUT = 28,
    CCURLE_SSL_CONNECT_ERROR = 35,
    CCURLE_UNKNOWN_OPTION = 48,
    CCURLE_GOT_NOTHING = 52,
    CCURLE_SEND_ERROR = 55,
    CCURLE_RECV_ERROR = 56,
    CCURLE_PEER_FAILED_VERIFICATION = 60,
    CCURLE_BAD_CONTENT_ENCODING = 61,
    CCURLE_FILESIZE_EXCEEDED = 63,
    CCURLE_SSL_CACERT_BADFILE = 77,
} CCurlCode;

/// What loading libcurl gave.
typedef enum CCurlLoadStatus {
    CCURL_LOADED = 0,
    /// dlopen found no such library.
    CCURL_NOT_INSTALLED = 1,
    /// The library lacks one of the functions used here (not libcurl, or far too old).
    CCURL_INCOMPLETE = 2,
    /// curl_global_init failed.
    CCURL_INIT_FAILED = 3,
} CCurlLoadStatus;

/// Loads libcurl once per process (pthread_once) and calls curl_global_init(CURL_GLOBAL_DEFAULT) there,
/// before any thread uses a handle: `CONVENE_LIBCURL` if set (tests name a missing library with it), else
/// libcurl.so.4 (Debian's libcurl4), else libcurl-gnutls.so.4 (libcurl3-gnutls). Every later call returns
/// the first result. The other functions below may only be called after this returned CCURL_LOADED.
CCurlLoadStatus ccurl_load(void);

/// Opens `name` and looks up the functions, then closes it again: no global init, nothing kept.
/// For tests of the loader's failure paths.
CCurlLoadStatus ccurl_probe(const char *name);

/// Wraps curl_easy_init: NULL when libcurl could not make a handle.
CCurlEasy *ccurl_easy_init(void);
/// Wraps curl_easy_cleanup.
void ccurl_easy_cleanup(CCurlEasy *handle);
/// Wraps curl_easy_reset: every option back to its default; connections and caches stay.
void ccurl_easy_reset(CCurlEasy *handle);
/// Wraps curl_easy_perform.
CCurlCode ccurl_easy_perform(CCurlEasy *handle);

/// Wraps curl_easy_setopt for an option that takes a `long`.
CCurlCode ccurl_setopt_long(CCurlEasy *handle, CCurlOption option, long value);
/// Wraps curl_easy_setopt for an option that takes a `curl_off_t` (`long`, 64 bits, on x86_64 and aarch64 Linux).
CCurlCode ccurl_setopt_offset(CCurlEasy *handle, CCurlOption option, int64_t value);
/// Wraps curl_easy_setopt for an option that takes a string (libcurl copies it).
CCurlCode ccurl_setopt_string(CCurlEasy *handle, CCurlOption option, const char *value);
/// Wraps curl_easy_setopt for an option that takes a pointer: a list, the callbacks' context, COPYPOSTFIELDS.
CCurlCode ccurl_setopt_pointer(CCurlEasy *handle, CCurlOption option, const void *value);
/// Wraps curl_easy_setopt for CCURLOPT_WRITEFUNCTION and CCURLOPT_HEADERFUNCTION.
CCurlCode ccurl_setopt_callback(CCurlEasy *handle, CCurlOption option, CCurlDataCallback callback);

/// Wraps curl_easy_getinfo for information of type `long`.
CCurlCode ccurl_getinfo_long(CCurlEasy *handle, CCurlInfo info, long *value);
/// Wraps curl_easy_getinfo for information of type `char *` (owned by the handle: copy it at once).
CCurlCode ccurl_getinfo_string(CCurlEasy *handle, CCurlInfo info, const char **value);

/// Wraps curl_slist_append (the text is copied); NULL when out of memory.
CCurlList *ccurl_slist_append(CCurlList *list, const char *text);
/// Wraps curl_slist_free_all.
void ccurl_slist_free_all(CCurlList *list);

#endif
