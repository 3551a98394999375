import {
  Autocomplete,
  Group,
  TagsInput,
  Text,
  type AutocompleteProps,
  type ComboboxItem,
  type TagsInputProps,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useFormatters } from '../../../i18n/format';
import { COMMON_LANGUAGES, COUNTRY_CODES, isCountryCode, isLanguageCode } from '../../../i18n/codes';

type Kind = 'country' | 'language';

function useCodeOptions(kind: Kind) {
  const { countryName, languageName } = useFormatters();
  return useMemo(() => {
    const codes = kind === 'country' ? COUNTRY_CODES : COMMON_LANGUAGES;
    const nameOf = kind === 'country' ? countryName : languageName;
    const names = new Map(codes.map((code) => [code, nameOf(code)]));
    return {
      codes,
      nameOf,
      normalise: (value: string) =>
        kind === 'country' ? value.trim().toUpperCase() : value.trim().toLowerCase(),
      isValid: kind === 'country' ? isCountryCode : isLanguageCode,
      /**
       * Options for what is typed: the code itself first, then codes starting
       * with it, then localized names containing it ("germ" finds DE), so Enter
       * on "de" picks Germany, not Bangladesh.
       */
      rank: <T extends { value: string }>(items: T[], search: string): T[] => {
        const needle = search.trim().toLowerCase();
        if (!needle) return items;
        const score = (code: string) => {
          const lower = code.toLowerCase();
          if (lower === needle) return 0;
          if (lower.startsWith(needle)) return 1;
          const name = (names.get(code) ?? '').toLowerCase();
          if (name.startsWith(needle)) return 2;
          return name.includes(needle) ? 3 : -1;
        };
        return items
          .map((item) => ({ item, score: score(item.value) }))
          .filter((entry) => entry.score >= 0)
          .sort((a, b) => a.score - b.score)
          .map((entry) => entry.item);
      },
    };
  }, [kind, countryName, languageName]);
}

function OptionLabel({ code, name }: { code: string; name: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <Text span ff="monospace" fz="xs" w={22} dir="ltr">
        {code}
      </Text>
      <Text span fz="sm">
        {name}
      </Text>
    </Group>
  );
}

interface CodeTagsInputProps extends Omit<TagsInputProps, 'data' | 'value' | 'onChange'> {
  kind: Kind;
  value: string[];
  onChange: (value: string[]) => void;
}

/** Several ISO codes with suggestions by name; any well-formed code can be typed in. */
export function CodeTagsInput({ kind, value, onChange, ...props }: CodeTagsInputProps) {
  const options = useCodeOptions(kind);
  return (
    <TagsInput
      {...props}
      data={options.codes}
      value={value}
      onChange={(next) => onChange([...new Set(next.map(options.normalise).filter(options.isValid))])}
      filter={({ options: items, search }) =>
        options.rank(
          items.filter((item): item is ComboboxItem => 'value' in item),
          search,
        )
      }
      selectFirstOptionOnChange
      renderOption={({ option }) => <OptionLabel code={option.value} name={options.nameOf(option.value)} />}
      limit={30}
      splitChars={[',', ' ', ';']}
      acceptValueOnBlur
      clearable
    />
  );
}

interface CodeInputProps extends Omit<AutocompleteProps, 'data' | 'value' | 'onChange'> {
  kind: Kind;
  value: string;
  onChange: (value: string) => void;
}

/** One ISO code, typed or picked by name; shows the resolved name under the field. */
export function CodeAutocomplete({
  kind,
  value,
  onChange,
  rightSection,
  rightSectionWidth,
  ...props
}: CodeInputProps) {
  const options = useCodeOptions(kind);
  const [opened, setOpened] = useState(false);
  const resolved = options.isValid(value) ? options.nameOf(value) : undefined;
  // A known code typed in full needs no suggestions (and the list would only cover the fields below).
  const complete = options.codes.includes(value);
  // The resolved name sits inside the field, so fields side by side stay aligned.
  const name =
    resolved && resolved !== value ? (
      <Text size="xs" c="dimmed" truncate="end" pe={8} ta="end" w="100%">
        {resolved}
      </Text>
    ) : null;
  return (
    <Autocomplete
      {...props}
      data={options.codes}
      value={value}
      // Short input is a code (normalised); longer text is a name being searched for.
      onChange={(next) => onChange(next.trim().length <= 2 ? options.normalise(next) : next)}
      filter={({ options: items, search }) =>
        options.rank(
          items.filter((item): item is ComboboxItem => 'value' in item),
          search,
        )
      }
      selectFirstOptionOnChange
      dropdownOpened={opened && !complete}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      renderOption={({ option }) => <OptionLabel code={option.value} name={options.nameOf(option.value)} />}
      limit={30}
      rightSection={rightSection ?? name}
      rightSectionWidth={rightSection ? rightSectionWidth : 150}
      rightSectionPointerEvents={rightSection ? undefined : 'none'}
      dir="ltr"
      autoComplete="off"
    />
  );
}
