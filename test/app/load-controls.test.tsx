// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UploadButton } from '../../src/app/load-controls.tsx';

afterEach(cleanup);

describe('UploadButton', () => {
  it('signals intent on pointer or focus, before any file is chosen, and hands over chosen files', () => {
    const onIntent = vi.fn();
    const onFiles = vi.fn();
    render(<UploadButton onFiles={onFiles} onIntent={onIntent} />);
    const input = screen.getByLabelText('Upload logs');
    fireEvent.pointerEnter(input.closest('label') as HTMLElement);
    fireEvent.focus(input);
    expect(onIntent).toHaveBeenCalledTimes(2);
    expect(onFiles).not.toHaveBeenCalled();
    const file = new File(['result_code\n1200\n'], 'a.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(onFiles).toHaveBeenCalledWith([file]);
  });
});
