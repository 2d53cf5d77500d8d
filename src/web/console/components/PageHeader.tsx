// The title block every page starts with: breadcrumb, title, a line of description, actions on the right.
import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

export function PageHeader(props: { title: ReactNode; description?: ReactNode; crumbs?: Crumb[]; extra?: ReactNode; tags?: ReactNode }) {
  return (
    <div className="bbw-page-header">
      {props.crumbs && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={props.crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-qa="page-title">
            {props.title}
          </Typography.Title>
          {props.tags}
        </Flex>
        {props.extra && (
          <Flex gap={8} wrap>
            {props.extra}
          </Flex>
        )}
      </Flex>
      {props.description && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {props.description}
        </Typography.Paragraph>
      )}
    </div>
  );
}
