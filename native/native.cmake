# The native flavour (included by CMakeLists.txt under cmake-js): the Node-API addon, node-addon-api.
execute_process(
  COMMAND node -p "require('node-addon-api').include_dir"
  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
  OUTPUT_VARIABLE NODE_ADDON_API_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
add_library(nvw_native SHARED native/addon.cpp ${CMAKE_JS_SRC})
set_target_properties(nvw_native PROPERTIES PREFIX "" SUFFIX ".node")
target_include_directories(nvw_native PRIVATE ${CMAKE_JS_INC} "${CMAKE_CURRENT_SOURCE_DIR}/${NODE_ADDON_API_DIR}")
target_compile_definitions(nvw_native PRIVATE NAPI_VERSION=8 NAPI_DISABLE_CPP_EXCEPTIONS NODE_ADDON_API_DISABLE_DEPRECATED)
target_link_libraries(nvw_native PRIVATE nvw_kernels ${CMAKE_JS_LIB})
