import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', position: 'relative' }}>
      <div style={{ position: 'absolute', top: 16, right: 16 }}><LanguageSwitch /></div>
      {children}
    </div>
  );
}
