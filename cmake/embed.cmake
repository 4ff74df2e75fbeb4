# parley_embed(TARGET <target> OUTPUT <name.cpp> FILES <file>... SYMBOLS <symbol>...): compiles
# the files' bytes into <target> as std::string_view constants parley::embedded::<symbol>,
# regenerated when a file changes.
function(parley_embed)
  cmake_parse_arguments(ARG "" "TARGET;OUTPUT" "FILES;SYMBOLS" ${ARGN})
  set(output "${CMAKE_BINARY_DIR}/generated/${ARG_OUTPUT}")
  # Lists travel to the script joined by "|": a ";" would split the command's arguments.
  string(REPLACE ";" "|" files "${ARG_FILES}")
  string(REPLACE ";" "|" symbols "${ARG_SYMBOLS}")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} "-DFILES=${files}" "-DSYMBOLS=${symbols}" "-DOUTPUT=${output}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${ARG_OUTPUT}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${output}")
endfunction()
