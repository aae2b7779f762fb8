#include "messages.h"

#include <cstring>

namespace nvw {

std::string message(const char* message_template, std::initializer_list<MessageField> fields) {
  std::string out;
  for (const char* p = message_template; *p;) {
    const char* close = *p == '{' ? std::strchr(p, '}') : nullptr;
    if (close == nullptr) {
      out += *p++;
      continue;
    }
    const std::string name(p + 1, close);
    bool found = false;
    for (const MessageField& field : fields) {
      if (name == field.first) {
        out += field.second;
        found = true;
        break;
      }
    }
    if (!found) out.append(p, close + 1);  // a field the caller did not give stays visible
    p = close + 1;
  }
  return out;
}

}  // namespace nvw
