// See include/CCurl.h. The function pointers are looked up once (pthread_once) and never change after;
// the library is never closed.
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

// The real signatures (curl.h / easy.h of 7.88.1): CURLcode and the option/info enums are ints.
struct functions {
    int (*global_init)(long flags);
    void *(*easy_init)(void);
    void (*easy_cleanup)(void *handle);
    void (*easy_reset)(void *handle);
    int (*easy_perform)(void *handle);
    int (*easy_setopt)(void *handle, int option, ...);
    int (*easy_getinfo)(void *handle, int info, ...);
    void *(*slist_append)(void *list, const char *text);
    void (*slist_free_all)(void *list);
};

// CURL_GLOBAL_DEFAULT = CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32 (curl.h).
#define CURL_GLOBAL_DEFAULT 3L

static struct functions curl;
static CCurlLoadStatus load_status = CCURL_NOT_INSTALLED;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static CCurlLoadStatus open_library(const char *name, struct functions *out, void **library) {
    void *opened = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (opened == NULL) return CCURL_NOT_INSTALLED;
#define LOOK_UP(field, symbol)                                       \
    do {                                                             \
        void *found = dlsym(opened, symbol);                         \
        if (found == NULL) { dlclose(opened); return CCURL_INCOMPLETE; } \
        *(void **)(&out->field) = found;                             \
    } while (0)
    LOOK_UP(global_init, "curl_global_init");
    LOOK_UP(easy_init, "curl_easy_init");
    LOOK_UP(easy_cleanup, "curl_easy_cleanup");
    LOOK_UP(easy_reset, "curl_easy_reset");
    LOOK_UP(easy_perform, "curl_easy_perform");
    LOOK_UP(easy_setopt, "curl_easy_setopt");
    LOOK_UP(easy_getinfo, "curl_easy_getinfo");
    LOOK_UP(slist_append, "curl_slist_append");
    LOOK_UP(slist_free_all, "curl_slist_free_all");
#undef LOOK_UP
    *library = opened;
    return CCURL_LOADED;
}

static void load(void) {
    void *library = NULL;
    const char *chosen = getenv("CONVENE_LIBCURL");
    if (chosen != NULL && chosen[0] != '\0') {
        load_status = open_library(chosen, &curl, &library);
    } else {
        load_status = open_library("libcurl.so.4", &curl, &library);
        if (load_status == CCURL_NOT_INSTALLED) load_status = open_library("libcurl-gnutls.so.4", &curl, &library);
    }
    // curl_global_init is not thread-safe before 7.84: it runs here, once, before any handle exists.
    if (load_status == CCURL_LOADED && curl.global_init(CURL_GLOBAL_DEFAULT) != 0) load_status = CCURL_INIT_FAILED;
}

CCurlLoadStatus ccurl_load(void) {
    pthread_once(&load_once, load);
    return load_status;
}

CCurlLoadStatus ccurl_probe(const char *name) {
    struct functions scratch;
    void *library = NULL;
    CCurlLoadStatus status = open_library(name, &scratch, &library);
    if (library != NULL) dlclose(library);
    return status;
}

CCurlEasy *ccurl_easy_init(void) { return (CCurlEasy *)curl.easy_init(); }
void ccurl_easy_cleanup(CCurlEasy *handle) { curl.easy_cleanup(handle); }
void ccurl_easy_reset(CCurlEasy *handle) { curl.easy_reset(handle); }
CCurlCode ccurl_easy_perform(CCurlEasy *handle) { return (CCurlCode)curl.easy_perform(handle); }

CCurlCode ccurl_setopt_long(CCurlEasy *handle, CCurlOption option, long value) {
    return (CCurlCode)curl.easy_setopt(handle, (int)option, value);
}

CCurlCode ccurl_setopt_offset(CCurlEasy *handle, CCurlOption option, int64_t value) {
    return (CCurlCode)curl.easy_setopt(handle, (int)option, value);
}

CCurlCode ccurl_setopt_string(CCurlEasy *handle, CCurlOption option, const char *value) {
    return (CCurlCode)curl.easy_setopt(handle, (int)option, value);
}

CCurlCode ccurl_setopt_pointer(CCurlEasy *handle, CCurlOption option, const void *value) {
    return (CCurlCode)curl.easy_setopt(handle, (int)option, value);
}

CCurlCode ccurl_setopt_callback(CCurlEasy *handle, CCurlOption option, CCurlDataCallback callback) {
    return (CCurlCode)curl.easy_setopt(handle, (int)option, callback);
}

CCurlCode ccurl_getinfo_long(CCurlEasy *handle, CCurlInfo info, long *value) {
    return (CCurlCode)curl.easy_getinfo(handle, (int)info, value);
}

CCurlCode ccurl_getinfo_string(CCurlEasy *handle, CCurlInfo info, const char **value) {
    return (CCurlCode)curl.easy_getinfo(handle, (int)info, value);
}

CCurlList *ccurl_slist_append(CCurlList *list, const char *text) {
    return (CCurlList *)curl.slist_append(list, text);
}

void ccurl_slist_free_all(CCurlList *list) { curl.slist_free_all(list); }
