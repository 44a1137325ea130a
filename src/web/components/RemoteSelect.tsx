// A searchable select whose options come from a list endpoint (`?q=`): organizations, users.
import { useEffect, useRef, useState } from "react";
import { Select, Spin, type SelectProps } from "antd";
import { organizationApi, userApi } from "../api/endpoints";

export interface Option {
  value: string;
  label: string;
}

type RemoteSelectProps = Omit<SelectProps<string | string[]>, "options" | "onSearch" | "filterOption"> & {
  search: (q: string) => Promise<Option[]>;
  /** The option of the current value, so it shows its label before any search. */
  initialOptions?: Option[];
};

export function RemoteSelect({ search, initialOptions = [], ...rest }: RemoteSelectProps) {
  const [options, setOptions] = useState<Option[]>(initialOptions);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const run = (q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    search(q)
      .then((found) => {
        if (mine !== seq.current) return;
        const known = new Set(found.map((o) => o.value));
        setOptions([...found, ...initialOptions.filter((o) => !known.has(o.value))]);
      })
      .catch(() => undefined)
      .finally(() => mine === seq.current && setLoading(false));
  };

  useEffect(() => {
    run("");
    return () => window.clearTimeout(timer.current);
    // first load only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Select
      showSearch={{
        filterOption: false,
        onSearch: (q) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => run(q.trim()), 300);
        },
      }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      {...rest}
    />
  );
}

export const searchOrganizations = async (q: string): Promise<Option[]> => {
  const page = await organizationApi.list({ q, pageSize: 50 });
  return page.items.map((o) => ({ value: o.id, label: o.name }));
};

export const searchUsers = async (q: string): Promise<Option[]> => {
  const page = await userApi.list({ q, pageSize: 50 });
  return page.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
};
