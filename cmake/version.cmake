# The run record names the exact source a result came from.
find_package(Git QUIET)
set(PARAKIT_GIT_COMMIT "unknown")
if(GIT_FOUND AND EXISTS ${CMAKE_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
                  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                  OUTPUT_VARIABLE PARAKIT_GIT_COMMIT
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT PARAKIT_GIT_COMMIT)
    set(PARAKIT_GIT_COMMIT "unknown")
  endif()
  # A commit moves HEAD's branch file (or HEAD itself when detached): configure
  # again then, or the record would name the commit of the first configure.
  set(git_dir ${CMAKE_SOURCE_DIR}/.git)
  set(head_files "")
  if(EXISTS ${git_dir}/HEAD)  # not in a worktree, whose .git is a file
    list(APPEND head_files ${git_dir}/HEAD)
    file(READ ${git_dir}/HEAD head_contents)
  endif()
  if(head_contents MATCHES "^ref: ([^\n]+)")
    set(branch_file ${git_dir}/${CMAKE_MATCH_1})
    # The branch's own file once it exists; its folder, which changes when a
    # commit writes that file next to packed-refs (after git gc).
    get_filename_component(branch_folder ${branch_file} DIRECTORY)
    foreach(candidate ${branch_file} ${branch_folder} ${git_dir}/packed-refs)
      if(EXISTS ${candidate})
        list(APPEND head_files ${candidate})
      endif()
    endforeach()
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${head_files})
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/version.hpp.in
               ${CMAKE_BINARY_DIR}/generated/parakit/version.hpp @ONLY)
