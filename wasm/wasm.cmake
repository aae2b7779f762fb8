# The WebAssembly flavour (included by CMakeLists.txt under emcmake): pkg/index.wasm and the two
# glues, Node (pkg/emscripten/node.cjs) and browser (pkg/emscripten-web.mjs).
set(NVW_PKG_DIR "${CMAKE_CURRENT_SOURCE_DIR}/pkg")
find_program(NODE_EXECUTABLE node REQUIRED)
# Not -msimd128: every runtime of the matrix runs it, but it buys nothing here — the hot loops are
# byte scans with early exits and searches that LLVM does not vectorise (bench/workers/ip-probe.js,
# 2026-12-02, same process: fromCsv 11.3 ms with it vs 11.8 without, batch 15.3 vs 15.4 ns/IP).
# Nor -mbulk-memory (memcpy as memory.copy, as current Emscripten does by default): the loads copy
# little (ip-probe.js with "before", 3 runs: fromCsv 8.5-11.4 ms with it vs 8.7-11.5 without).
target_compile_options(nvw_kernels PRIVATE -O3)

# Which flags exist and which are needed depends on the Emscripten version (3.1.6, Debian's, in CI;
# current releases elsewhere); the toolchain file sets EMSCRIPTEN_VERSION from `emcc -v`.
if(NOT EMSCRIPTEN_VERSION)
  message(FATAL_ERROR "EMSCRIPTEN_VERSION is not set: configure with `emcmake cmake` (Emscripten's toolchain file)")
endif()
message(STATUS "Emscripten ${EMSCRIPTEN_VERSION}")

# Link flags both flavours share: the same kernels, bindings and memory layout, hence the same
# index.wasm (checked below); only the JavaScript glue differs.
set(NVW_WASM_LINK_FLAGS
  -O3
  -lembind
  -sFILESYSTEM=0          # files are read by the JS wrapper and streamed in; no Emscripten FS
  -sALLOW_MEMORY_GROWTH=1
  # Grow by what is asked, not 20 % more: the heap never shrinks, so overgrowth stays for good
  # (after the real CSV's load 5.4 MiB instead of 6.0; no slower, ip-probe.js with "before").
  -sMEMORY_GROWTH_GEOMETRIC_STEP=0
  # Start small and grow: 3.1.6 defaults to 16 MiB of heap and a 5 MiB stack. The kernels recurse
  # at most 46 deep (fibonacci), so 256 KiB of stack is plenty. (TOTAL_STACK is STACK_SIZE's old
  # name; 3.1.6 knows only it, later versions accept both.)
  -sTOTAL_STACK=262144
  -sINITIAL_MEMORY=1048576
  -sMALLOC=emmalloc       # small allocator: keeps index.wasm small
  # A library never changes its host: a glue built for Node adds process-wide uncaughtException /
  # unhandledRejection listeners that re-throw, which override the app's own handlers (an app that
  # logs and keeps serving exits with code 7) and --unhandled-rejections. Neither glue below is
  # built for Node (no -sENVIRONMENT=node), so these only guard against that ever changing.
  -sNODEJS_CATCH_EXIT=0
  -sNODEJS_CATCH_REJECTION=0
  # No new Function / eval in the glue (strict CSP, MV3 extensions, Workers, Node's
  # --disallow-code-generation-from-strings). Embind is then slower per call; only cold paths
  # use it (wasm/binding.cpp).
  -sDYNAMIC_EXECUTION=0
)
if(EMSCRIPTEN_VERSION VERSION_GREATER_EQUAL 4.0)
  # The JS library's __cxa_current_primary_exception needs the native
  # __cxa_increment_exception_refcount, which 6.0.5's LTO link (Debian's, LLVM 21) does not pull
  # out of libc++abi's bitcode: "undefined symbol: __cxa_increment_exception_refcount". 3.1.6 and
  # 3.1.69 link without it, and there it would add an unused function to index.wasm. (4.0 is a
  # guess at the first version that needs it; 4.x and 5.x are untested.)
  set(NVW_WASM_VERSION_LINK_FLAGS -Wl,-u,__cxa_increment_exception_refcount)
  list(APPEND NVW_WASM_LINK_FLAGS ${NVW_WASM_VERSION_LINK_FLAGS})
endif()

# The Node flavour: pkg/emscripten/node.cjs exports a synchronous factory; wasm/node.js
# calls it with index.wasm's bytes (Module.wasmBinary) and gets a ready module back, like
# wasm-pack --target nodejs, so require() has nothing to await.
set(NVW_NODE_FACTORY_PRE "${CMAKE_CURRENT_LIST_DIR}/node-factory-pre.js")
set(NVW_NODE_FACTORY_POST "${CMAKE_CURRENT_LIST_DIR}/node-factory-post.js")
add_executable(nvw_wasm_node wasm/binding.cpp)
target_link_libraries(nvw_wasm_node PRIVATE nvw_kernels)
target_compile_options(nvw_wasm_node PRIVATE -O3)
target_link_options(nvw_wasm_node PRIVATE
  ${NVW_WASM_LINK_FLAGS}
  # Not -sMODULARIZE: since Emscripten 4.0.12 its factory always returns a Promise, even with
  # synchronous compilation. The plain glue, wrapped in a function by these two files, is the same
  # factory, synchronous in every version.
  -sMODULARIZE=0
  "SHELL:--extern-pre-js ${NVW_NODE_FACTORY_PRE}"
  "SHELL:--extern-post-js ${NVW_NODE_FACTORY_POST}"
  -sWASM_ASYNC_COMPILATION=0  # compile the given bytes at once (new WebAssembly.Module)
  # No Node code in the glue: given the bytes, it needs no require(), __dirname or process, so it
  # cannot touch the host process and it runs inside ES module bundles (esbuild --format=esm), which
  # have neither require nor __dirname. Its web code paths (fetching index.wasm) never run.
  -sENVIRONMENT=web
)
set_property(TARGET nvw_wasm_node APPEND PROPERTY LINK_DEPENDS ${NVW_NODE_FACTORY_PRE} ${NVW_NODE_FACTORY_POST})
add_custom_command(TARGET nvw_wasm_node POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E make_directory "${NVW_PKG_DIR}/emscripten"
  COMMAND ${CMAKE_COMMAND} -E copy "$<TARGET_FILE_DIR:nvw_wasm_node>/nvw_wasm_node.wasm" "${NVW_PKG_DIR}/index.wasm"
  COMMAND ${CMAKE_COMMAND} -E copy "$<TARGET_FILE_DIR:nvw_wasm_node>/nvw_wasm_node.js" "${NVW_PKG_DIR}/emscripten/node.cjs"
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_CURRENT_LIST_DIR}/dts.js" "${NVW_PKG_DIR}/index.wasm" "${NVW_PKG_DIR}/index.wasm.d.ts"
  COMMENT "Copying the WebAssembly build into pkg/"
  VERBATIM)

# The browser flavour: an ES module factory for web pages and workers (no require('fs')), used by
# pkg/web.mjs (built from wasm/web.mjs) (`await init()`: asynchronous by design, so MODULARIZE's Promise is what it wants).
# Named "index" and copied next to pkg/index.wasm, its glue locates the wasm with
# new URL("index.wasm", import.meta.url): webpack, Vite and Rollup see that and emit the file.
add_executable(nvw_wasm_web wasm/binding.cpp)
set_target_properties(nvw_wasm_web PROPERTIES OUTPUT_NAME index)
target_link_libraries(nvw_wasm_web PRIVATE nvw_kernels)
target_compile_options(nvw_wasm_web PRIVATE -O3)
target_link_options(nvw_wasm_web PRIVATE
  ${NVW_WASM_LINK_FLAGS}
  -sMODULARIZE=1
  -sEXPORT_NAME=createNvwModule
  -sEXPORT_ES6=1
  -sENVIRONMENT=web,worker
)
add_dependencies(nvw_wasm_web nvw_wasm_node)  # so the comparison below sees both
add_custom_command(TARGET nvw_wasm_web POST_BUILD
  # One index.wasm serves both glues: fail the build if the two links ever differ.
  COMMAND ${CMAKE_COMMAND} -E compare_files "$<TARGET_FILE_DIR:nvw_wasm_web>/index.wasm" "$<TARGET_FILE_DIR:nvw_wasm_node>/nvw_wasm_node.wasm"
  COMMAND ${CMAKE_COMMAND} -E copy "$<TARGET_FILE_DIR:nvw_wasm_web>/index.js" "${NVW_PKG_DIR}/emscripten-web.mjs"
  COMMENT "Checking the browser build's wasm is byte-identical to pkg/index.wasm; copying its glue into pkg/"
  VERBATIM)

# The study's embind probe (bench/wasm/embind_probe.cpp), not part of the package: one trivial
# embind function linked with eval (embind's default) and without, each a Node CommonJS factory in
# build/wasm/ (bench/workers/fib.js measures both calls).
foreach(NVW_PROBE_EVAL 1 0)
  set(NVW_PROBE_TARGET nvw_embind_probe_eval${NVW_PROBE_EVAL})
  add_executable(${NVW_PROBE_TARGET} bench/wasm/embind_probe.cpp)
  target_compile_options(${NVW_PROBE_TARGET} PRIVATE -O3)
  target_link_options(${NVW_PROBE_TARGET} PRIVATE
    -O3
    -lembind
    -sFILESYSTEM=0
    -sNODEJS_CATCH_EXIT=0
    -sNODEJS_CATCH_REJECTION=0
    -sDYNAMIC_EXECUTION=${NVW_PROBE_EVAL}
    -sMODULARIZE=1
    -sENVIRONMENT=node
    -sWASM_ASYNC_COMPILATION=0
    ${NVW_WASM_VERSION_LINK_FLAGS}
  )
endforeach()
