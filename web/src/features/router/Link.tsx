import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { navigated, selectPath } from './routerSlice';

/** A real link (it can be opened in a new tab) that changes the page without a reload; `to` may carry a query (`/?status=new`). */
export function Link({ to, className, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const dispatch = useAppDispatch();
  const [path, search = ''] = to.split(/(?=\?)/, 2);
  const current = useAppSelector(selectPath) === path;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    dispatch(navigated({ path, search }));
  };
  return (
    <a href={to} className={className} aria-current={current ? 'page' : undefined} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
