// Colours for native component props (switch, picker), which cannot read the CSS custom properties of tokens.scss.
// Keep equal to the tokens of the same name there.
export const NATIVE_COLORS = {
  primary: '#C8102E',
  danger: '#B3001B',
  text: '#1F1F1F',
} as const
