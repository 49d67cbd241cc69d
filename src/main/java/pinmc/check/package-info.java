/**
 * The checking API shared by every engine, the CLI, the reports and the tests: what to
 * check ({@link pinmc.check.ModelTarget}), how ({@link pinmc.check.CheckOptions}), with which
 * engine ({@link pinmc.check.Engine}), and what came of it ({@link pinmc.check.CheckResult}).
 * Nothing here knows how an engine works or what a kernel page is.
 */
package pinmc.check;
