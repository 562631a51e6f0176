include(Catch)

# parakit_catch_tests(TARGET PREFIX P LABELS L... [SPEC S] [TIMEOUT T] [PROCESSORS N])
#
# catch_discover_tests, with test properties that survive. Catch2 v2 writes
# PROPERTIES into set_tests_properties unquoted, so LABELS "net;mpi" became
# LABELS net, with "mpi" read as a property name and TIMEOUT lost with it.
# Here the properties go into a file of our own that ctest reads after
# Catch's, applied to the list of the tests it discovered. SPEC picks a subset
# of the test cases (a Catch2 test spec); a target may be discovered more than
# once with disjoint specs and different properties.
function(parakit_catch_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PREFIX;SPEC;TIMEOUT;PROCESSORS" "LABELS")
  # A hash, not a cleaned-up spec: "[a],[b]" and "[a]~[b]" must not share a name.
  string(SHA1 spec_hash "${arg_SPEC}")
  string(SUBSTRING "${spec_hash}" 0 8 spec_hash)
  set(list_name "${target}_${spec_hash}_TESTS")
  set(spec)
  if(arg_SPEC)
    set(spec TEST_SPEC "${arg_SPEC}")
  endif()
  catch_discover_tests(${target} ${spec} TEST_PREFIX "${arg_PREFIX}" TEST_LIST ${list_name})

  set(properties "LABELS [==[${arg_LABELS}]==]")
  if(arg_TIMEOUT)
    string(APPEND properties " TIMEOUT ${arg_TIMEOUT}")
  endif()
  if(arg_PROCESSORS)
    string(APPEND properties " PROCESSORS ${arg_PROCESSORS}")
  endif()
  set(file "${CMAKE_CURRENT_BINARY_DIR}/${list_name}_properties.cmake")
  file(WRITE "${file}" "if(${list_name})\n  set_tests_properties(\${${list_name}} PROPERTIES ${properties})\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${file}")
endfunction()
