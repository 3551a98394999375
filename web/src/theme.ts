import { Badge, createTheme, localStorageColorSchemeManager, Table } from '@mantine/core';
import { accessibleVariants } from './themeContrast';

export { accessibleColors as cssVariablesResolver } from './themeContrast';

/** Dense back-office look: indigo accent, small radii, compact tables. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  // System fonts first; Arabic falls back to fonts with good Arabic coverage.
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  // Text on filled and white variants reads at WCAG AA (the colours themselves: themeContrast.ts).
  variantColorResolver: accessibleVariants,
  components: {
    // Badges hold short labels (roles, codes, states): never squeeze them into an ellipsis in tight table cells.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, minWidth: 'max-content' } } }),
    Table: Table.extend({
      defaultProps: {
        striped: true,
        highlightOnHover: true,
        stickyHeader: true,
        verticalSpacing: 6,
        horizontalSpacing: 'xs',
        fz: 'sm',
      },
    }),
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'bd.theme' });
