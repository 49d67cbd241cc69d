/**
 * The design matrix: the seeds' proposals against the invariants, computed by running the
 * models' properties files through a {@link pinmc.check.Engine}. The mapping from properties
 * files to proposals is data ({@code design-matrix.txt}); the CLI's {@code matrix} command
 * renders {@link pinmc.matrix.DesignMatrix} as text or Markdown.
 */
package pinmc.matrix;
