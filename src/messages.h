// Error messages: their wording is api/messages.json (shared with the JavaScript side), compiled in
// as nvw::messages::k<Code> (src/messages.cmake); the kernels fill in the fields.
#pragma once
#include <initializer_list>
#include <string>
#include <utility>

#include "nvw_messages.h"

namespace nvw {

using MessageField = std::pair<const char*, std::string>;

// `message_template` with each {name} replaced by the value of field `name`.
std::string message(const char* message_template, std::initializer_list<MessageField> fields = {});

}  // namespace nvw
