/**
 * Small real models for the CLI's end-to-end tests. They live outside {@code pinmc.*} because the
 * embedded engine loads pinmc's own packages uninstrumented, from its parent class loader.
 */
package e2e.models;
