// One set of js-beautify options for every file, so equal input always gives equal output.
import type { JSBeautifyOptions } from 'js-beautify';

export const BEAUTIFY_OPTIONS: JSBeautifyOptions = {
  indent_size: 2,
  preserve_newlines: false,
  end_with_newline: true,
  wrap_line_length: 0,
  break_chained_methods: false,
};
