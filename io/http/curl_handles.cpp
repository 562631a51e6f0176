#include "io/http/curl_handles.hpp"

#include <stdexcept>

namespace parakit::http {

CurlGlobal::CurlGlobal() {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
}

CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

EasyHandle make_easy() {
  EasyHandle easy(curl_easy_init());
  if (!easy) throw std::runtime_error("libcurl could not create a transfer handle");
  return easy;
}

MultiHandle make_multi() {
  MultiHandle multi(curl_multi_init());
  if (!multi) throw std::runtime_error("libcurl could not create a multi handle");
  return multi;
}

}  // namespace parakit::http
