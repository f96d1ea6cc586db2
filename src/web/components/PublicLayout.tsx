import { Box, Container, Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './Brand.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Frame of the pages seen without signing in: the brand, the language switch, one card. */
export function PublicLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  return (
    <Box bg="gray.0" mih="100dvh">
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Brand />
          <LanguageSwitch withLabel={false} />
        </Group>
      </Box>
      <Container component="main" id="main" size={width} px="md" py="xl">
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
