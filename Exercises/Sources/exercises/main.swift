// exercises: the exercise runner (issue 19).
//
//     swift run --package-path Exercises exercises              every exercise, its state, n of N solved, the next
//     swift run --package-path Exercises exercises 7            check exercise 7
//     swift run --package-path Exercises exercises --hint 7     the next hint of exercise 7
//     swift run --package-path Exercises exercises --reset 7    put back exercise 7's untouched starter
//     swift run --package-path Exercises exercises --watch [7]  re-check when the file changes (Ctrl-C stops)

import Foundation

let usage = """
    usage: swift run --package-path Exercises exercises [N | --hint N | --reset N | --watch [N] | --help]
      (no argument)   list every exercise with its notes section and state, n of N solved, and the next to do
      N               check exercise N (7 or 07): one PASS or FAIL line per check
      --hint N        print the next hint of exercise N (hints are staged: the equation, the shapes, nearly the answer)
      --reset N       put back exercise N's untouched starter (your version is kept in .build/reset-backups)
      --watch [N]     check exercise N (default: the next unsolved) whenever its file changes; Ctrl-C stops
    """

let exercises = readManifest()
let arguments = Array(CommandLine.arguments.dropFirst())

switch (arguments.first, arguments.count) {
case (nil, _):
    listAll(exercises)
case ("--help", _), ("-h", _):
    say(usage)
case ("--hint", 2):
    showNextHint(exercise(named: arguments[1], in: exercises))
case ("--reset", 2):
    reset(exercise(named: arguments[1], in: exercises))
case ("--watch", 1):
    watch(nil, exercises)
case ("--watch", 2):
    watch(exercise(named: arguments[1], in: exercises), exercises)
case (let number?, 1) where !number.hasPrefix("-"):
    let state = checkOne(exercise(named: number, in: exercises))
    exit(state == .solved ? 0 : 1)
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
