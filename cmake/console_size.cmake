# Script mode: the admin console stays small (issue 20; docs/console.md "The client"). Sums the
# bytes of every .js and .css file under CONSOLE_DIR, as served, and fails above LIMIT.
#   cmake -DCONSOLE_DIR=console -DLIMIT=150000 -P console_size.cmake
file(GLOB_RECURSE files "${CONSOLE_DIR}/*.js" "${CONSOLE_DIR}/*.css")
list(LENGTH files count)
if(count EQUAL 0)
  message(FATAL_ERROR "no .js or .css file under ${CONSOLE_DIR}")
endif()
set(total 0)
foreach(path IN LISTS files)
  file(SIZE "${path}" size)
  math(EXPR total "${total} + ${size}")
endforeach()
message("console: ${total} bytes of JS and CSS in ${count} files; the limit is ${LIMIT}")
if(total GREATER LIMIT)
  message(FATAL_ERROR "the console's JS and CSS are ${total} bytes, over the limit of ${LIMIT}")
endif()
